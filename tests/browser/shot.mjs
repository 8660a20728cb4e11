// shot.mjs - a screenshot of one element of a page, for looking at the
// result by eye (not part of make test).
// usage: node tests/browser/shot.mjs FILE.html WIDTH 'CSS selector' INDEX OUT.png [open]
// ('open' opens every <details> first)
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [file, width, selector, index = '0', out = 'out/screenshots/element.png', open] = process.argv.slice(2);
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
  if (open === 'open') await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.locator(selector).nth(Number(index)).screenshot({ path: out });
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
