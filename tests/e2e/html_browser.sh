#!/bin/sh
# html_browser.sh - the HTML pages in a real browser (Debian's chromium driven
# by playwright-core, with axe-core; see tests/browser/check.mjs): WCAG 2.1 AA,
# console, network, offline display, overflow, keyboard, screenshots into
# out/screenshots/. Pages: the writer's sample report in both themes, every
# HTML output of the example project, the example in the other theme and the
# hostile-Markdown fixture (tests/fixtures/html).
# Then a page with planted faults must make the same checks fail.
# tests/browser/modes.mjs then checks the pages in light, dark and forced
# colours on a light and on a black canvas (axe, chart series contrast, chart
# text), the script's reading aids (popups,
# Tab stops, the dark toggle, the larger chart), JavaScript off and print
# media; its screenshots go to tests/evidence/.
. tests/lib.sh
BUILD=${BUILD:-build}
SHOTS=out/screenshots

if [ ! -x /usr/bin/chromium ]; then
  fail "html_browser: /usr/bin/chromium is missing (packages.txt: chromium; run make)"
  exit 0
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  fail "html_browser: node_modules is missing (make test runs npm ci)"
  exit 0
fi

pages=""
# 1. the sample report built by hand in tests/unit/test_html.c, both themes
rm -rf out/html-proeve
if RAPPORT_HTML_SAMPLE_DIR=out/html-proeve "$BUILD/tests/test_html" >"$TMP/sample.log" 2>&1; then
  pass "html_browser: sample pages written for both themes"
  pages="out/html-proeve/klassisk.html out/html-proeve/kommune.html"
else
  fail "html_browser: sample pages not written"; sed 's/^/    /' "$TMP/sample.log"
fi

# 2. the hostile-Markdown fixture (theme kommune) through the whole pipeline
mkdir -p "$TMP/out/html-fixture"
if "$RAPPORT" build tests/fixtures/html --format html --out "$TMP/out/html-fixture" \
    >"$TMP/fixture.log" 2>&1; then
  pages="$pages $TMP/out/html-fixture/proeve.html"
else
  fail "html_browser: tests/fixtures/html does not build"; sed 's/^/    /' "$TMP/fixture.log" | head
fi

# 3. every HTML output of the example project (make builds it before the tests)
for f in out/eksempel/*.html out/eksempel/offentlig/*.html; do
  [ -f "$f" ] && pages="$pages $f"
done

# 4. the example again in each theme (themes/*) it does not use
if [ -f content/eksempel/rapport.lua ] && [ -x "$RAPPORT" ]; then
  used=$(sed -n 's/^ *theme *= *"\([a-z]*\)".*/\1/p' content/eksempel/rapport.lua | head -1)
  for th in $(ls themes); do
    [ "$th" = "${used:-klassisk}" ] && continue
    cp -r content/eksempel "$TMP/eksempel-$th"
    if grep -q '^ *theme *=' "$TMP/eksempel-$th/rapport.lua"; then
      sed -i "s/^\( *theme *= *\)\"[a-z]*\"/\1\"$th\"/" "$TMP/eksempel-$th/rapport.lua"
    else
      sed -i "0,/^return *{/s//return {\n  theme = \"$th\",/" "$TMP/eksempel-$th/rapport.lua"
    fi
    mkdir -p "$TMP/out/eksempel-$th"
    if "$RAPPORT" build "$TMP/eksempel-$th" --format html --out "$TMP/out/eksempel-$th" \
        >"$TMP/build-$th.log" 2>&1; then
      pass "html_browser: example built with theme $th"
      for f in "$TMP/out/eksempel-$th"/*.html; do
        [ -f "$f" ] && pages="$pages $f"
      done
    else
      fail "html_browser: example does not build with theme $th"
      sed 's/^/    /' "$TMP/build-$th.log" | head -20
    fi
  done
fi

# shellcheck disable=SC2086
node tests/browser/check.mjs --shots "$SHOTS" $pages >"$TMP/browser.log" 2>&1
rc=$?
cat "$TMP/browser.log"
if [ "$rc" != 0 ] && ! grep -q '^FAIL' "$TMP/browser.log"; then
  fail "html_browser: the browser test stopped with status $rc"
fi

# 5. planted faults: an image without alt text, grey-on-white text, an external
# stylesheet with the page's CSP removed, a block wider than a phone. Each
# must turn its check into a FAIL (the output is kept out of the count).
if [ -f out/html-proeve/kommune.html ]; then
  mkdir -p "$TMP/plantet"
  sed -e '/Content-Security-Policy/d' \
      -e 's|</main>|<p style="color:#c8c8c8">Svag kontrast</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><link rel="stylesheet" href="https://example.org/ekstern.css"><div style="width:1500px">bred</div></main>|' \
      out/html-proeve/kommune.html >"$TMP/plantet/plantet.html"
  node tests/browser/check.mjs --shots "$TMP/shots" "$TMP/plantet/plantet.html" \
    >"$TMP/plantet.log" 2>&1
  rc=$?
  check_eq "html_browser: planted faults make the browser test fail" "$rc" 1
  for want in "image-alt" "color-contrast" "FAIL browser plantet/plantet.html: no request beyond" \
              "FAIL browser plantet/plantet.html: no horizontal overflow at 390 px"; do
    if grep -q -- "$want" "$TMP/plantet.log"; then
      pass "html_browser: planted fault caught: $want"
    else
      fail "html_browser: planted fault not caught: $want"
      sed 's/^/    /' "$TMP/plantet.log" | sed 's/^    \(PASS\|FAIL\)/    | \1/' | head -30
    fi
  done
fi

# 6. display modes and reading aids (tests/browser/modes.mjs) on the example
# in both themes and the hostile fixture; screenshots into tests/evidence/
# (the example's pages first: the screenshots show the first chart seen)
modes=""
for f in $pages; do
  case "$f" in out/html-proeve/*) ;; out/eksempel/*) modes="$f $modes" ;; *) modes="$modes $f" ;; esac
done
rm -f tests/evidence/html-chart-dark.png tests/evidence/html-chart-forced.png \
  tests/evidence/html-chart-forced-dark.png tests/evidence/html-popup.png
# shellcheck disable=SC2086
node tests/browser/modes.mjs --evidence tests/evidence $modes >"$TMP/modes.log" 2>&1
rc=$?
grep -v '^tab stops' "$TMP/modes.log"
grep '^tab stops' "$TMP/modes.log" | sed 's/^/    /'
if [ "$rc" != 0 ] && ! grep -q '^FAIL' "$TMP/modes.log"; then
  fail "html_browser: the display-mode test stopped with status $rc"
fi
for shot in html-chart-dark html-chart-forced html-chart-forced-dark html-popup; do
  if [ -s "tests/evidence/$shot.png" ]; then
    pass "html_browser: screenshot tests/evidence/$shot.png"
  else
    fail "html_browser: no screenshot tests/evidence/$shot.png"
  fi
done

# replant IN OUT OLD NEW: the page IN with OLD replaced by NEW in its script
# and the CSP's hash computed again, so the browser runs the changed script;
# no OLD in the script is an error
replant() {
  python3 - "$@" <<'EOF'
import base64, hashlib, re, sys
src, dst, old, new = sys.argv[1:5]
page = open(src, encoding="utf-8").read()
m = re.search(r"<script>(.*?)</script>", page, re.S)
if old not in m.group(1):
    sys.exit("replant: not in the page's script: " + old)
script = m.group(1).replace(old, new)
pin = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
page = page[:m.start(1)] + script + page[m.end(1):]
page = re.sub(r"'sha256-[^']*'", "'sha256-" + pin + "'", page, count=1)
open(dst, "w", encoding="utf-8").write(page)
EOF
}

# 7. planted faults for modes.mjs: the pale bar fill of before (1.46:1) and,
# in the same page, figure wrappers that are Tab stops though nothing scrolls,
# folded contents that stay shown and the section marked three screens down,
# a script the page's CSP does not allow (one character changed), the
# fixture without the rule that remaps a chart's black text (black on the
# black canvas of forced colours), and the kommune theme's page without the
# page palette in system colours (its title band's dark text on black), and
# the fixture with the script of before that let the popup vanish when the
# pointer crossed the gap onto it (the CSP hash computed again)
if [ -f out/eksempel/slut.html ] && [ -f "$TMP/out/html-fixture/proeve.html" ] &&
   [ -f "$TMP/out/eksempel-kommune/slut.html" ]; then
  mkdir -p "$TMP/plantet-modes"
  sed -e 's/\(<rect[^>]*\) fill="#5b8cc0"/\1 fill="#c6d6e8"/g' \
      -e 's/<div class="figur" /<div class="figur" tabindex="0" /g' \
      -e 's/^  \.indhold\.lukket ol{display:none}$//' \
    out/eksempel/slut.html >"$TMP/plantet-modes/farve.html"
  sed -e "s/<script>(function(){'use strict';/<script>(function(){'use strict'; /" \
    out/eksempel/slut.html >"$TMP/plantet-modes/script.html"
  sed -e '/^\.diagram \[fill="#000000"\]/d' \
    "$TMP/out/html-fixture/proeve.html" >"$TMP/plantet-modes/sort.html"
  sed -e '/^  :root:not(#_){--tekst:CanvasText/,/--hoved-tekst:CanvasText;/d' \
      -e 's/^    --d-tekst:CanvasText/  :root:not(#_){--d-tekst:CanvasText/' \
    "$TMP/out/eksempel-kommune/slut.html" >"$TMP/plantet-modes/palet.html"
  # the fixture with the popup script of before; in the page above, the
  # contents marking a section three screens down (innerHeight*3)
  replant "$TMP/out/html-fixture/proeve.html" "$TMP/plantet-modes/hover.html" \
    "else if(tip.contains(e.target))clearTimeout(ht);
 else if(cur&&d.activeElement!==cur)" "else if(cur&&!tip.contains(e.target)&&d.activeElement!==cur)"
  replant "$TMP/plantet-modes/farve.html" "$TMP/plantet-modes/farve.html" \
    "top<innerHeight/3" "top<innerHeight*3"
  node tests/browser/modes.mjs "$TMP/plantet-modes/farve.html" "$TMP/plantet-modes/script.html" \
    "$TMP/plantet-modes/sort.html" "$TMP/plantet-modes/palet.html" "$TMP/plantet-modes/hover.html" \
    >"$TMP/plantet-modes.log" 2>&1
  rc=$?
  check_eq "html_browser: planted faults make the display-mode test fail" "$rc" 1
  for want in "FAIL modes plantet-modes/farve.html: [0-9]* chart colours at least 3:1 in light" \
              "FAIL modes plantet-modes/farve.html: the [0-9]* Tab stops at 1280 px are the page's [0-9]* shown" \
              "FAIL modes plantet-modes/farve.html: at 390 px the contents fold and unfold" \
              "FAIL modes plantet-modes/farve.html: scrolled to #[^ ]*, the contents mark that section" \
              "FAIL modes plantet-modes/script.html: no console errors" \
              "FAIL modes plantet-modes/script.html: Tab to a cross-reference" \
              "FAIL modes plantet-modes/sort.html: all [0-9]* chart texts take the forced text colour in forced-dark" \
              "FAIL modes plantet-modes/palet.html: axe WCAG 2.1 AA in forced-dark at 1280 px" \
              "FAIL modes plantet-modes/hover.html: hovering the cross-reference shows its popup, the popup stays under the pointer"; do
    if grep -q -- "$want" "$TMP/plantet-modes.log"; then
      pass "html_browser: planted fault caught: $want"
    else
      fail "html_browser: planted fault not caught: $want"
      sed 's/^/    /' "$TMP/plantet-modes.log" | sed 's/^    \(PASS\|FAIL\)/    | \1/' | head -30
    fi
  done
fi
