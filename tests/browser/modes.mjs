// modes.mjs - rapport's HTML page in every display mode and with its
// reading aids, in Debian's chromium (playwright-core) with axe-core:
//   - axe WCAG 2.1 AA with no violation in light, dark (prefers-color-scheme)
//     and forced colours on a light canvas and on a black one (Windows high
//     contrast black: forced colours with a dark colour scheme), at 1280,
//     390 and 320 px,
//   - every chart series at least 3:1 against the page's background and
//     against the part beside it in a stacked bar, from the SVG's computed
//     fill and stroke colours, in every mode; in forced colours every chart
//     text takes the system text colour,
//   - the dark toggle switches and is remembered after a reload; print
//     stays light,
//   - a table or chart box is a Tab stop and a region only while it scrolls;
//     the Tab stops at 1280 px are counted (printed as "tab stops") and must
//     be exactly the shown links, buttons, summaries and scrolling boxes,
//   - the contents mark the section scrolled to the top (aria-current) and
//     fold at 390 px by a button with aria-expanded,
//   - the link popup: Tab to a cross-reference shows it (role=tooltip, named
//     by aria-describedby, text from the target), Escape hides it, Enter
//     still follows the link; hovering shows it, it stays while the pointer
//     is on it and goes when the pointer leaves; a citation and a footnote
//     mark show theirs on focus,
//   - a chart opens larger in a modal dialog and Escape closes it,
//   - with JavaScript off: no box is a Tab stop, the contents are there,
//     dark mode still follows the system,
//   - print media: the contents are shown, nothing is sticky, the buttons
//     are gone.
// Screenshots (--evidence DIR): the first chart in forced colours (light
// and black canvas) and in dark mode, a popup. Prints PASS/FAIL lines; exits 1 on any FAIL.
// `--count-only` prints the Tab stops at 1280 px of each page and nothing
// else (used to measure a page written before this change).
//
// usage: node tests/browser/modes.mjs [--evidence DIR] [--count-only] FILE.html...
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let evidence = null;
let countOnly = false;
const files = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--evidence') evidence = argv[++i];
  else if (argv[i] === '--count-only') countOnly = true;
  else files.push(argv[i]);
}
if (!files.length) {
  console.error('usage: node tests/browser/modes.mjs [--evidence DIR] [--count-only] FILE.html...');
  process.exit(2);
}
if (evidence) fs.mkdirSync(evidence, { recursive: true });

let failed = 0;
const pass = (msg) => console.log(`PASS ${msg}`);
const fail = (msg, details = []) => {
  failed++;
  console.log(`FAIL ${msg}`);
  for (const d of details.slice(0, 15)) console.log(`    ${d}`);
};
const check = (ok, msg, details) => (ok ? pass(msg) : fail(msg, details));

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-modes-'));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage'];
let context;
let browser;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: ARGS,
    viewport: { width: 1280, height: 800 }, offline: true,
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
} catch (e) {
  fail(`modes: chromium does not start: ${String(e).split('\n')[0]}`);
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit(1);
}

async function axeRun(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  return page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), TAGS);
}

function describe(violations) {
  const out = [];
  for (const v of violations)
    for (const n of v.nodes) out.push(`${v.id} (${v.impact}): ${v.help} -> ${n.target.join(' ')}`);
  return out;
}

// Tab from the top of the page until focus comes round again; each stop is
// sorted by what it is. `want` counts from the DOM what should be a stop:
// every shown link, button and summary, and the boxes that scroll.
async function tabStops(page) {
  await page.evaluate(() => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0); });
  let n = 0;
  for (; n < 2000; n++) {
    await page.keyboard.press('Tab');
    const back = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return true;
      if (!window.__seen) window.__seen = new Set();
      if (window.__seen.has(a)) return true;
      window.__seen.add(a);
      return false;
    });
    if (back) break;
  }
  const r = await page.evaluate(() => {
    const scrolls = (e) => e.matches('.tabel, .diagram-ramme') && e.scrollWidth > e.clientWidth + 1;
    const kind = (e) => (e.matches('a[href]') ? 'links' : e.matches('button') ? 'buttons'
      : e.matches('summary') ? 'summaries' : scrolls(e) ? 'boxes' : 'other');
    const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility === 'visible'
      && !e.closest('details:not([open]) > :not(summary)');
    const kinds = { links: 0, buttons: 0, summaries: 0, boxes: 0, other: 0 };
    const other = [];
    for (const e of window.__seen || []) {
      kinds[kind(e)]++;
      if (kind(e) === 'other') other.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ')[0] : ''}`);
    }
    const want = [...document.querySelectorAll('a[href], button, summary, .tabel, .diagram-ramme')]
      .filter((e) => shown(e) && (!e.matches('.tabel, .diagram-ramme') || scrolls(e))).length;
    delete window.__seen;
    return { kinds, other, want };
  });
  return { n, ...r };
}

// Every chart colour against the background, and stacked parts against each
// other, from the computed styles of the drawn SVG (the charts shown).
function seriesContrast() {
  // a translucent colour (forced colours' Highlight) as painted on the page
  const rgb = (s, under) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(s || '');
    if (!m || (m[4] !== undefined && +m[4] === 0)) return null;
    const a = m[4] === undefined ? 1 : +m[4];
    return [1, 2, 3].map((i) => +m[i] * a + (under ? under[i - 1] : 255) * (1 - a));
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const bg = rgb(getComputedStyle(document.body).backgroundColor);
  const paint = (s) => rgb(s, bg);
  const bad = [];
  let n = 0;
  for (const svg of document.querySelectorAll('svg.diagram')) {
    if (svg.getBoundingClientRect().width === 0) continue;
    const rects = [];
    for (const el of svg.querySelectorAll('rect, circle, polyline, line')) {
      const cs = getComputedStyle(el);
      const sw = parseFloat(cs.strokeWidth) || 0;
      let col = null;
      let what = '';
      if (el.tagName === 'rect' || el.tagName === 'circle') {
        // a fill of (nearly) the background is a hollow marker: its outline
        // carries the series
        col = paint(cs.fill); what = 'fill';
        if (!col || ratio(col, bg) < 1.1) { col = sw >= 1 ? paint(cs.stroke) : null; what = 'stroke'; }
        else if (el.tagName === 'rect')
          rects.push({ x: +el.getAttribute('x'), y: +el.getAttribute('y'), w: +el.getAttribute('width'), h: +el.getAttribute('height'), col });
      } else if (sw >= 1) { // series lines; thinner lines are grid and ticks
        col = paint(cs.stroke); what = 'stroke';
      }
      if (!col) continue;
      n++;
      const r = ratio(col, bg);
      if (r < 3) bad.push(`${el.tagName} ${what} rgb(${col}) is ${r.toFixed(2)}:1 on rgb(${bg})`);
    }
    for (const a of rects)
      for (const b of rects)
        if (Math.abs(a.y - b.y) < 0.01 && Math.abs(a.h - b.h) < 0.01 && Math.abs(a.x + a.w - b.x) < 0.01) {
          n++;
          const r = ratio(a.col, b.col);
          if (r < 3) bad.push(`neighbouring parts rgb(${a.col}) | rgb(${b.col}) are ${r.toFixed(2)}:1`);
        }
  }
  return { n, bad, bg };
}

async function open(page, url, opts = {}) {
  await page.emulateMedia({ colorScheme: opts.dark ? 'dark' : 'light', forcedColors: opts.forced ? 'active' : 'none', media: 'screen' });
  await page.goto(url, { waitUntil: 'load' });
}

async function checkFile(file) {
  const abs = path.resolve(file);
  const url = pathToFileURL(abs).href;
  const name = `${path.basename(path.dirname(abs))}/${path.basename(abs)}`;
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, url);
  await page.evaluate(() => { try { localStorage.clear(); } catch (e) { /* file: may refuse */ } });

  const stops = await tabStops(page);
  const k = stops.kinds;
  console.log(`tab stops at 1280 px: ${name}: ${stops.n} (${k.links} links, ${k.buttons} buttons, ${k.summaries} summaries, ${k.boxes} scroll boxes, ${k.other} other)`);
  if (countOnly) { await page.close(); return; }
  check(stops.n === stops.want && k.other === 0,
    `modes ${name}: the ${stops.n} Tab stops at 1280 px are the page's ${stops.want} shown links, buttons, summaries and scrolling boxes`,
    stops.other.slice(0, 10));

  // axe in every mode and width
  // forced-dark: forced colours with a dark colour scheme, which Chromium
  // paints white on black (Canvas #000000, CanvasText #ffffff)
  for (const mode of ['light', 'dark', 'forced', 'forced-dark']) {
    const forced = mode.startsWith('forced');
    await open(page, url, { dark: mode.endsWith('dark'), forced });
    for (const width of [1280, 390, 320]) {
      await page.setViewportSize({ width, height: width < 600 ? 844 : 800 });
      await page.evaluate(() => window.dispatchEvent(new Event('resize')));
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const res = await axeRun(page);
      check(res.violations.length === 0,
        `modes ${name}: axe WCAG 2.1 AA in ${mode} at ${width} px: ${res.violations.length} violations`,
        describe(res.violations));
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = false; }));
    const c = await page.evaluate(seriesContrast);
    if (c.n) check(c.bad.length === 0, `modes ${name}: ${c.n} chart colours at least 3:1 in ${mode}`, c.bad);
    if (forced) {
      const f = await page.evaluate(() => {
        const body = getComputedStyle(document.body).color;
        const texts = [...document.querySelectorAll('svg.diagram text')].filter((t) => t.getClientRects().length);
        const odd = texts.filter((t) => getComputedStyle(t).fill !== body);
        return { n: texts.length, body, odd: odd.slice(0, 5).map((t) => `"${t.textContent}" fill ${getComputedStyle(t).fill}`) };
      });
      if (f.n) check(f.odd.length === 0, `modes ${name}: all ${f.n} chart texts take the forced text colour in ${mode}`, [f.body, ...f.odd]);
    }
    const fig = page.locator('.figur:has(svg.diagram)').first();
    if (evidence && mode !== 'light' && await fig.count() && !fs.existsSync(path.join(evidence, `html-chart-${mode}.png`)))
      await fig.screenshot({ path: path.join(evidence, `html-chart-${mode}.png`) });
  }

  // the toggle, remembered
  await open(page, url);
  const bgLight = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const btn = page.locator('.farveknap');
  if (await btn.count()) {
    await btn.click();
    const after = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor,
      pressed: document.querySelector('.farveknap').getAttribute('aria-pressed') }));
    await page.reload({ waitUntil: 'load' });
    const kept = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, farve: document.documentElement.dataset.farve }));
    check(after.bg !== bgLight && after.pressed === 'true' && kept.bg === after.bg && kept.farve === 'moerk',
      `modes ${name}: the dark toggle switches and is remembered`, [JSON.stringify({ bgLight, after, kept })]);
    await page.emulateMedia({ media: 'print' });
    const printBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    check(printBg === 'rgb(255, 255, 255)' || printBg === bgLight, `modes ${name}: print stays light with dark chosen`, [printBg]);
    await page.evaluate(() => localStorage.clear());
    await open(page, url);
  } else {
    fail(`modes ${name}: no dark toggle`);
  }

  // scroll boxes: a Tab stop and a region exactly while they scroll
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    const boxes = await page.evaluate(() => [...document.querySelectorAll('.tabel, .diagram-ramme')].map((e) => ({
      id: e.id || e.className, scrolls: e.scrollWidth > e.clientWidth + 1,
      stop: e.getAttribute('tabindex') === '0', region: e.getAttribute('role') === 'region',
      named: !!(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')),
    })));
    const wrong = boxes.filter((b) => b.stop !== b.scrolls || b.region !== b.scrolls || (b.scrolls && !b.named));
    check(wrong.length === 0, `modes ${name}: at ${width} px ${boxes.filter((b) => b.scrolls).length} of ${boxes.length} boxes scroll and only they are named Tab stops`,
      wrong.map((w) => JSON.stringify(w)));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));

  // the contents mark the section being read: scroll a section whose text
  // fills the upper third of the view to the top, and its entry (and only
  // its) is aria-current
  const spy = await page.evaluate(async () => {
    const ls = [...document.querySelectorAll('.indhold a[href^="#"]')];
    const hs = ls.map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1))));
    // the scroll event, then the script's animation frame
    const frame = () => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 50));
    for (let i = Math.min(3, ls.length - 1); i < ls.length - 1; i++) {
      if (!hs[i] || !hs[i + 1]) continue;
      window.scrollTo({ top: hs[i].getBoundingClientRect().top + window.scrollY - 8, behavior: 'instant' });
      await frame();
      if (hs[i + 1].getBoundingClientRect().top < innerHeight / 3) continue;
      const marked = ls.filter((a) => a.getAttribute('aria-current') === 'location').map((a) => a.getAttribute('href'));
      return { want: ls[i].getAttribute('href'), marked };
    }
    return null;
  });
  if (spy) {
    check(spy.marked.length === 1 && spy.marked[0] === spy.want,
      `modes ${name}: scrolled to ${spy.want}, the contents mark that section (aria-current)`, [JSON.stringify(spy)]);
  }
  await page.evaluate(() => window.scrollTo(0, 0));

  // the contents fold on a small screen: a button that says whether they
  // are open, Enter folds and unfolds them
  await page.setViewportSize({ width: 390, height: 844 });
  const fold = page.locator('.foldknap');
  if (await fold.count()) {
    const state = () => page.evaluate(() => ({ expanded: document.querySelector('.foldknap').getAttribute('aria-expanded'),
      listShown: document.querySelector('.indhold ol').getClientRects().length > 0 }));
    const before = await state();
    await fold.focus();
    await page.keyboard.press('Enter');
    const folded = await state();
    await page.keyboard.press('Enter');
    const unfolded = await state();
    check(before.expanded === 'true' && before.listShown && folded.expanded === 'false' && !folded.listShown
      && unfolded.expanded === 'true' && unfolded.listShown,
    `modes ${name}: at 390 px the contents fold and unfold by a button that tells its state (aria-expanded)`,
    [JSON.stringify({ before, folded, unfolded })]);
  } else if (await page.locator('.indhold').count()) {
    fail(`modes ${name}: at 390 px the contents have no fold button`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));

  // popups: Tab to the first cross-reference
  const hasXref = await page.evaluate(() => !!document.querySelector('main a.xref'));
  if (hasXref) {
    await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
    let found = null;
    for (let i = 0; i < 600 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => (document.activeElement.matches('main a.xref') ? document.activeElement.getAttribute('href') : null));
    }
    const shown = await page.evaluate(() => {
      const a = document.activeElement, tip = document.querySelector('[role=tooltip]');
      const t = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      const src = t && (t.querySelector('caption, figcaption') || t);
      return { described: a.getAttribute('aria-describedby'), tipId: tip && tip.id,
        visible: !!tip && !tip.hidden && tip.getBoundingClientRect().height > 0,
        text: tip && tip.textContent, want: src && src.textContent.replace(/\s+/g, ' ').trim() };
    });
    check(found && shown.visible && shown.described === shown.tipId && shown.want && shown.text.startsWith(shown.want),
      `modes ${name}: Tab to a cross-reference (${found}) shows its target in a tooltip named by aria-describedby`,
      [JSON.stringify(shown)]);
    if (evidence && !fs.existsSync(path.join(evidence, 'html-popup.png'))) {
      // the popup is placed in page coordinates: scroll the link to the
      // middle without moving focus, then take the view
      await page.evaluate(() => window.scrollBy(0, document.activeElement.getBoundingClientRect().top - 300));
      await page.screenshot({ path: path.join(evidence, 'html-popup.png') });
    }
    await page.keyboard.press('Escape');
    const gone = await page.evaluate(() => ({ hidden: !document.querySelector('[role=tooltip]') || document.querySelector('[role=tooltip]').hidden,
      described: document.activeElement.getAttribute('aria-describedby'), still: document.activeElement.matches('a.xref') }));
    check(gone.hidden && !gone.described && gone.still, `modes ${name}: Escape hides the tooltip and keeps focus`, [JSON.stringify(gone)]);
    // the popup does not take the link's place: Enter still follows it
    await page.keyboard.press('Enter');
    const went = await page.evaluate(() => decodeURIComponent(location.hash));
    check(went === decodeURIComponent(found), `modes ${name}: Enter on the cross-reference follows it`, [JSON.stringify({ found, went })]);

    // by pointer (WCAG 1.4.13): hovering the link shows the popup, the
    // pointer can move onto the popup without it vanishing, and moving away
    // hides it
    await page.evaluate(() => { document.activeElement.blur(); history.replaceState(null, '', location.pathname); window.scrollTo(0, 0); });
    const link = page.locator(`main a.xref[href="${found}"]`).first();
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    const tipBox = async () => page.evaluate(() => { const t = document.querySelector('[role=tooltip]');
      if (!t || t.hidden) return null; const r = t.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; });
    const over = await tipBox();
    let stays = null;
    if (over) {
      await page.mouse.move(over.x, over.y, { steps: 5 });
      await page.waitForTimeout(600);
      stays = await tipBox();
    }
    const vp = page.viewportSize();
    await page.mouse.move(vp.width - 4, vp.height - 4, { steps: 5 });
    await page.waitForTimeout(600);
    const away = await tipBox();
    check(!!over && !!stays && !away, `modes ${name}: hovering the cross-reference shows its popup, the popup stays under the pointer, moving away hides it`,
      [JSON.stringify({ over, stays, away })]);
  }
  // a citation links to its entry in the literature list (a paragraph)
  await page.evaluate(() => {
    for (const a of document.querySelectorAll('main a[href^="#ref-"]')) {
      const t = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      if (t && t.tagName === 'P') { a.classList.add('test-citation'); break; }
    }
  });
  for (const [what, sel] of [['a citation', 'main a.test-citation'], ['a footnote mark', 'main .fnref a']]) {
    if (!(await page.locator(sel).count())) continue;
    await page.locator(sel).first().focus();
    const t = await page.evaluate((s) => {
      const a = document.querySelector(s), tip = document.querySelector('[role=tooltip]');
      if (!tip) return { ok: false, tip: null };
      const target = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      const words = target.textContent.replace(/\s+/g, ' ').trim().split(' ').slice(0, 4).join(' ');
      return { ok: !tip.hidden && a.getAttribute('aria-describedby') === tip.id && tip.textContent.startsWith(words), tip: tip.textContent.slice(0, 80), words };
    }, sel);
    check(t.ok, `modes ${name}: focus on ${what} shows its target in the tooltip`, [JSON.stringify(t)]);
    await page.keyboard.press('Escape');
  }

  // a chart opens larger
  const zoom = page.locator('.forstoer').first();
  if (await zoom.count()) {
    await zoom.focus();
    await page.keyboard.press('Enter');
    const opened = await page.evaluate(() => { const d = document.querySelector('dialog.stor');
      return d && { open: d.open, modal: d.matches(':modal'), svg: d.querySelector('svg') && d.querySelector('svg').getBoundingClientRect().width, label: d.getAttribute('aria-label') }; });
    await page.keyboard.press('Escape');
    const closed = await page.evaluate(() => !document.querySelector('dialog.stor').open && document.activeElement.classList.contains('forstoer'));
    check(opened && opened.open && opened.modal && opened.svg > 600 && opened.label && closed,
      `modes ${name}: a chart opens larger in a modal dialog and Escape closes it`, [JSON.stringify({ opened, closed })]);
  }

  // print media
  await page.emulateMedia({ media: 'print' });
  const pr = await page.evaluate(() => {
    const nav = document.querySelector('.indhold');
    const sticky = [...document.querySelectorAll('body *')].filter((e) => ['sticky', 'fixed'].includes(getComputedStyle(e).position) && e.getClientRects().length);
    const buttons = [...document.querySelectorAll('button')].filter((b) => b.getClientRects().length);
    return { nav: !nav || (getComputedStyle(nav).display !== 'none' && nav.getBoundingClientRect().height > 20),
      sticky: sticky.map((e) => e.tagName + '.' + e.className), buttons: buttons.length };
  });
  check(pr.nav && pr.sticky.length === 0 && pr.buttons === 0,
    `modes ${name}: in print the contents show, nothing is sticky, no buttons`, [JSON.stringify(pr)]);
  await page.emulateMedia({ media: 'screen' });
  check(errors.length === 0, `modes ${name}: no console errors (the script runs under the page's CSP)`, errors);
  await page.close();

  // JavaScript off
  const ctx = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark', viewport: { width: 320, height: 800 }, offline: true });
  const p2 = await ctx.newPage();
  await p2.goto(url, { waitUntil: 'load' });
  const nojs = await p2.evaluate(() => ({
    stops: document.querySelectorAll('.tabel[tabindex], .diagram-ramme[tabindex], [role=region]').length,
    nav: !document.querySelector('.indhold') || document.querySelector('.indhold ol').getBoundingClientRect().height > 0,
    bg: getComputedStyle(document.body).backgroundColor,
  }));
  check(nojs.stops === 0 && nojs.nav && nojs.bg === 'rgb(22, 24, 27)',
    `modes ${name}: with JavaScript off no box is a Tab stop, the contents show, dark follows the system`, [JSON.stringify(nojs)]);
  await ctx.close();
}

try {
  for (const f of files) {
    try {
      await checkFile(f);
    } catch (e) {
      fail(`modes ${f}: ${String(e).split('\n')[0]}`);
    }
  }
} finally {
  await context.close();
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
