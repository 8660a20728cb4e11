// check.mjs - opens rapport's HTML pages in Debian's chromium (playwright-core)
// and checks what a reader and an assistive technology get:
//   - axe-core at WCAG 2.1 AA (wcag2a, wcag2aa, wcag21a, wcag21aa): 0 violations
//     (with every <details> opened, so the charts' data tables count too),
//   - no console errors, no request beyond the file itself (every other request
//     is aborted and counted; the browser is offline too),
//   - everything shows with no network: styles applied, charts drawn, images
//     decoded, no external stylesheet, script or font,
//   - no horizontal overflow of the page at 360 px, 390 px and 1280 px,
//   - every '#id' link has a target, the skip link is the first Tab stop and
//     shows a visible focus outline,
//   - screenshots at 390 px and 1280 px into the screenshot folder.
// Prints PASS/FAIL lines (tests/run.sh counts them); exits 1 on any FAIL.
//
// usage: node tests/browser/check.mjs [--shots DIR] FILE.html...
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [360, 390, 1280]; // overflow is checked at each; screenshots at 390 and 1280

let shots = 'out/screenshots';
const files = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--shots') shots = argv[++i];
  else files.push(argv[i]);
}
if (!files.length) {
  console.error('usage: node tests/browser/check.mjs [--shots DIR] FILE.html...');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });

let failed = 0;
const pass = (msg) => console.log(`PASS ${msg}`);
const fail = (msg, details = []) => {
  failed++;
  console.log(`FAIL ${msg}`);
  for (const d of details.slice(0, 15)) console.log(`    ${d}`);
};
const check = (ok, msg, details) => (ok ? pass(msg) : fail(msg, details));

// A fresh profile each run, and the flags that keep chromium from calling home
// (this machine has no network; see the environment notes).
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    viewport: { width: 1280, height: 800 },
    offline: true,
  });
} catch (e) {
  fail(`browser: chromium does not start: ${String(e).split('\n')[0]}`);
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit(1);
}

async function axeRun(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  return page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  }), TAGS);
}

function describe(violations) {
  const out = [];
  for (const v of violations)
    for (const n of v.nodes)
      out.push(`${v.id} (${v.impact}): ${v.help} -> ${n.target.join(' ')}`);
  return out;
}

async function checkFile(file) {
  const abs = path.resolve(file);
  const url = pathToFileURL(abs).href;
  const name = `${path.basename(path.dirname(abs))}/${path.basename(abs)}`;
  const shotBase = path.join(shots, `${path.basename(path.dirname(abs))}-${path.basename(abs, '.html')}`);
  const page = await context.newPage();
  const consoleErrors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('data:')) requests.push(r.url()); });
  await page.route('**/*', (route) => {
    const u = route.request().url();
    return u === url ? route.continue() : route.abort();
  });

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(url, { waitUntil: 'load' });

  // everything shows with the network off
  const shown = await page.evaluate(() => {
    const problems = [];
    const root = getComputedStyle(document.documentElement);
    if (!root.getPropertyValue('--font-brod').trim()) problems.push('the stylesheet was not applied');
    for (const el of document.querySelectorAll('link[rel~="stylesheet"], script[src], iframe, object, embed'))
      problems.push(`external resource element <${el.tagName.toLowerCase()}>`);
    for (const st of document.querySelectorAll('style'))
      if (/@import|@font-face|url\(\s*['"]?(?!data:|#)/i.test(st.textContent)) problems.push('stylesheet refers to another file');
    for (const img of document.images)
      if (!img.complete || img.naturalWidth === 0) problems.push(`image not shown: ${img.alt}`);
    // a figure's other layout (.diagram-smal on wide screens, .diagram-bred
    // on narrow ones) is hidden by design; every chart shown must be drawn
    for (const svg of document.querySelectorAll('svg')) {
      const other = svg.closest('.diagram-smal, .diagram-bred');
      if (other && getComputedStyle(other).display === 'none') continue;
      const r = svg.getBoundingClientRect();
      if (r.width < 10 || r.height < 10) problems.push('chart not drawn');
    }
    for (const f of document.fonts) if (f.status === 'error') problems.push(`font failed: ${f.family}`);
    const main = document.querySelector('main');
    if (!main || main.getBoundingClientRect().height < 50) problems.push('main text not shown');
    return { problems, images: document.images.length, charts: document.querySelectorAll('svg').length };
  });
  check(shown.problems.length === 0,
    `browser ${name}: everything shows offline (${shown.charts} charts, ${shown.images} images)`, shown.problems);

  // internal links all land somewhere
  const broken = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
    .map((a) => a.getAttribute('href'))
    .filter((h) => !document.getElementById(decodeURIComponent(h.slice(1)))));
  check(broken.length === 0, `browser ${name}: every internal link has a target`, broken);

  // keyboard: the first Tab stop is the skip link, visible and outlined
  const skip = await (async () => {
    await page.keyboard.press('Tab');
    return page.evaluate(() => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      const cs = getComputedStyle(a);
      return {
        cls: a.className, top: r.top, h: r.height,
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
      };
    });
  })();
  check(skip.cls === 'spring' && skip.top >= 0 && skip.h > 0 && skip.outline,
    `browser ${name}: first Tab shows the skip link with a focus outline`, [JSON.stringify(skip)]);
  await page.keyboard.press('Enter');
  const landed = await page.evaluate(() => document.activeElement && document.activeElement.id);
  check(landed === 'indhold', `browser ${name}: the skip link moves focus to the text`, [`focus on: ${landed}`]);
  await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); history.replaceState(null, '', location.pathname); });

  // axe once, on the wide layout with every <details> open, so the data
  // tables behind the charts are checked too (the DOM is the same at every
  // width; axe is the slow part of this test)
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const res = await axeRun(page);
  check(res.violations.length === 0,
    `browser ${name}: axe WCAG 2.1 AA: ${res.violations.length} violations`, describe(res.violations));
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = false; }));

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const ov = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    check(ov.sw <= ov.iw, `browser ${name}: no horizontal overflow at ${width} px`,
      [`scrollWidth ${ov.sw} > innerWidth ${ov.iw}`]);
    if (width !== 360) await page.screenshot({ path: `${shotBase}-${width}.png` });
  }

  check(consoleErrors.length === 0, `browser ${name}: no console errors`, consoleErrors);
  check(requests.length === 0, `browser ${name}: no request beyond the file itself`, requests);
  await page.close();
}

try {
  for (const f of files) {
    try {
      await checkFile(f);
    } catch (e) {
      fail(`browser ${f}: ${String(e).split('\n')[0]}`);
    }
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
