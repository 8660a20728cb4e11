// fits.mjs - does every chart of a page fit its box at a given width? Opens
// the page in Debian's chromium (offline) and prints one line per visible
// chart box: "FITS <label> <scrollWidth> <clientWidth>" or "SCROLLS ...",
// and "PAGE <scrollWidth> <viewport>" for the page itself.
// usage: node tests/browser/fits.mjs FILE.html WIDTH
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [file, width] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, offline: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: Number(width), height: 900 },
});
try {
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.resolve(file)).href);
  const lines = await page.evaluate(() => {
    const out = [];
    for (const box of document.querySelectorAll('.diagram-ramme')) {
      if (box.offsetParent === null) continue; // display:none
      const label = (box.closest('.figur') || box).id || box.getAttribute('aria-label');
      const word = box.scrollWidth <= box.clientWidth + 1 ? 'FITS' : 'SCROLLS';
      out.push(`${word} ${label} ${box.scrollWidth} ${box.clientWidth}`);
    }
    out.push(`PAGE ${document.documentElement.scrollWidth} ${window.innerWidth}`);
    return out;
  });
  console.log(lines.join('\n'));
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
