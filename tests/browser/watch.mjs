// watch.mjs - the live preview in a real browser (issue 10): opens the page
// `rapport watch` serves, changes a CSV cell on disk and waits for the new
// value to appear without any action; then plants an error and expects the
// banner naming file and line while the previous content stays visible.
// Last, DNS rebinding as a real browser meets it: evil.example resolves to
// 127.0.0.1, and the page under that name must get nothing of the report.
// Prints PASS/FAIL lines and the measured times.
//
// usage: node tests/browser/watch.mjs URL PROJECT_DIR
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [url, project] = process.argv.slice(2);
const csv = path.join(project, 'data', 'tal.csv');

let failed = 0;
const check = (ok, msg) => {
  if (!ok) failed++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${msg}`);
};

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-watch-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP evil.example 127.0.0.1'],
});
const page = context.pages()[0] || await context.newPage();
await page.setViewportSize({ width: 900, height: 500 });
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
try {
  await page.goto(url);
  check((await page.content()).includes('Nordby'), 'watch: the served page shows the report');

  // scroll down, then change one cell on disk
  await page.evaluate(() => window.scrollTo(0, 200));
  const y0 = await page.evaluate(() => window.scrollY);
  const t0 = Date.now();
  fs.writeFileSync(csv, fs.readFileSync(csv, 'utf8').replace('Nordby;midtvejs;13;', 'Nordby;midtvejs;8642;'));
  await page.waitForFunction(() => document.body.innerText.includes('8642'), null, { timeout: 15000 })
    .then(() => check(true, 'watch: the new value appears in the page without any action'))
    .catch(() => check(false, 'watch: the new value did not appear'));
  const dt = Date.now() - t0;
  console.log(`    save -> new value in the page: ${dt} ms`);
  await page.waitForTimeout(300);
  const y1 = await page.evaluate(() => window.scrollY);
  check(Math.abs(y1 - y0) < 5 || y0 === 0, `watch: the scroll position is kept (${y0} -> ${y1})`);

  // plant an error: the banner names file and line; the old content stays
  fs.writeFileSync(csv, fs.readFileSync(csv, 'utf8').replace('Sydby;baseline;12;', 'Sydby;baseline;tolv;'));
  await page.waitForSelector('#rapport-fejl', { timeout: 15000 })
    .then(() => check(true, 'watch: a build error shows a banner'))
    .catch(() => check(false, 'watch: no banner after a build error'));
  const banner = await page.textContent('#rapport-fejl').catch(() => '');
  check(/tal\.csv:3/.test(banner || ''), `watch: the banner names file and line (${(banner || '').split('\n')[1] || ''})`);
  check((await page.evaluate(() => document.body.innerText)).includes('8642'),
    'watch: the last good content stays under the banner');

  // mend it: the banner goes and the page follows again
  fs.writeFileSync(csv, fs.readFileSync(csv, 'utf8').replace('Sydby;baseline;tolv;', 'Sydby;baseline;12;'));
  await page.waitForFunction(() => !document.getElementById('rapport-fejl'), null, { timeout: 15000 })
    .then(() => check(true, 'watch: the banner goes when the error is mended'))
    .catch(() => check(false, 'watch: the banner stayed after the error was mended'));
  check(consoleErrors.length === 0, `watch: no console errors (${consoleErrors.slice(0, 2).join('; ')})`);

  const evil = new URL(url);
  evil.hostname = 'evil.example';
  const resp = await page.goto(evil.href);
  const text = await page.evaluate(() => document.body.innerText);
  check(resp.status() === 421 && !text.includes('Nordby'),
    `watch: a rebound name (${evil.host}) gets ${resp.status()}, not the report`);
  check(text.includes('DNS-rebinding'), `watch: the refusal says why (${text.trim().slice(0, 60)}...)`);
} catch (e) {
  check(false, `watch: ${e.message}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
