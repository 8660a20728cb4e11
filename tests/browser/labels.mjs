// labels.mjs - are the texts of a chart drawn whole inside it? Opens the
// page in Debian's chromium (offline) at each of the given widths, finds
// the visible chart whose box is labelled LABEL ("Figur 3"), and prints one
// line per <text> of its SVG: "WIDTH IN|OUT <left> <right> <chart width>
// <text>", the text's drawn extent in the SVG's own units (getBBox, with
// the font the browser really uses) against the viewBox (IN: inside it
// across and down); "WIDTH OVERLAP <text> | <text>" for two texts of it
// drawn over each other; "WIDTH NONE" if
// no such chart is visible. With OUT.png, a screenshot of the chart's
// figure (WIDTH in the name is replaced by the width).
// usage: node tests/browser/labels.mjs FILE.html WIDTH[,WIDTH...] LABEL [OUT.png]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [file, widths, label, shot] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, offline: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: Number(widths.split(',')[0]), height: 900 },
});
try {
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.resolve(file)).href);
  for (const w of widths.split(',').map(Number)) {
    await page.setViewportSize({ width: w, height: 900 });
    const found = await page.evaluate((want) => {
      const out = [];
      let index = -1;
      const boxes = [...document.querySelectorAll('.diagram-ramme')];
      boxes.forEach((box, i) => {
        if (box.offsetParent === null || (box.getAttribute('aria-label') || box.dataset.navn) !== want) return;
        const svg = box.querySelector('svg');
        if (!svg) return;
        index = i;
        const vb = svg.viewBox.baseVal;
        const boxes = [];
        for (const t of svg.querySelectorAll('text')) {
          const b = t.getBBox();
          for (const o of boxes) {
            // two texts drawn over each other (by more than a hair)
            if (b.x < o.b.x + o.b.width - 0.5 && o.b.x < b.x + b.width - 0.5 &&
                b.y < o.b.y + o.b.height - 0.5 && o.b.y < b.y + b.height - 0.5)
              out.push(`OVERLAP ${o.t} | ${t.textContent}`);
          }
          boxes.push({ b, t: t.textContent });
          const inside = b.x >= vb.x - 0.5 && b.x + b.width <= vb.x + vb.width + 0.5 &&
            b.y >= vb.y - 0.5 && b.y + b.height <= vb.y + vb.height + 0.5;
          out.push(`${inside ? 'IN' : 'OUT'} ${b.x.toFixed(2)} ${(b.x + b.width).toFixed(2)} ${vb.width} ${t.textContent}`);
        }
      });
      if (index < 0) out.push('NONE');
      return { lines: out, index };
    }, label);
    console.log(found.lines.map((l) => `${w} ${l}`).join('\n'));
    if (shot && found.index >= 0) {
      const box = page.locator('.diagram-ramme').nth(found.index);
      const fig = box.locator('xpath=ancestor::figure[1]');
      await ((await fig.count()) ? fig : box).screenshot({ path: shot.replace('WIDTH', String(w)) });
    }
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
