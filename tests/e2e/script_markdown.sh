# The Markdown stage through the real binary: captions, figures, footnotes,
# cross-references, inline values and dashes reach the HTML; mistakes in a
# chapter make `rapport check` exit 1 naming the file, line and column.
. tests/lib.sh

P="$TMP/proj"
O="$TMP/build"
cp -r tests/fixtures/pipeline "$P"
mkdir -p "$P/figurer"
# a 1x1 PNG
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\002\000\000\000\220wS\336\000\000\000\014IDATx\234c\370\377\377?\000\005\376\002\376\015\357\106\270\000\000\000\000IEND\256B`\202' >"$P/figurer/prik.png"
cat >"$P/kapitler/02-tal.md" <<'MD'
# Tallene i åen {#sec:tal}

```{taltabel}
id = "tbl:tal"
caption = "Antal"
```

Der er {{ #project.partnerships }} partnerskaber i perioden 2019--2021 --- se
@tbl:haand, @Fig:prik og @sec:tal.[^n] Skriv \{{ for at få klammer.

| Partnerskab | Antal |
|:------------|------:|
| Nordby      | 1.234 |
| Sydby       | 7     |

Tabel: Håndskrevet tabel {#tbl:haand}

![En prik i *midten*](../figurer/prik.png){#fig:prik}

## Bilag {-}

[^n]: Noten om åen.
MD
check_status "build with the rich chapter" 0 "$RAPPORT" build "$P" --out "$O" --format html --edition midtvejs
H="$O/midtvejs.html"
check_contains "inline value" "$H" "Der er 2 partnerskaber"
check_contains "en dash and em dash" "$H" "2019–2021 — se"
check_contains "escaped braces" "$H" "Skriv {{ for at få klammer."
check_contains "table caption numbered" "$H" '<span class="nr">Tabel 2.</span> Håndskrevet tabel</caption>'
check_contains "xref to the table" "$H" "tabel 2"
check_contains "capitalised xref to the figure" "$H" "Figur 1"
check_contains "figure caption from the alt text" "$H" "<em>midten</em>"
check_contains "footnote text" "$H" "Noten om åen."
check_contains "right-aligned column" "$H" '<td class="h">1.234</td>'

# mistakes: each names file:line(:column) and exits 1
# (its own variable names: check_status sets name and want)
mistake() {
  m_name=$1; m_text=$2; m_want=$3
  printf '%b' "$m_text" >"$P/kapitler/02-tal.md"
  check_status "$m_name: exit 1" 1 "$RAPPORT" check "$P"
  check_contains "$m_name: message" "$TMP/out" "$m_want"
}
mistake "unknown component" '# T\n\n```{findes_ikke}\nx = 1\n```\n' \
  "02-tal.md:3: fejl: komponenten 'findes_ikke' findes ikke"
mistake "lost table cells" '# T\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n' \
  "02-tal.md:5: fejl: rækken har 3 celler, men tabellens overskrift har 2 kolonner"
mistake "undefined footnote" '# T\n\nTekst[^x].\n' \
  "02-tal.md:3:6: fejl: fodnoten [^x] er ikke defineret"
mistake "missing image" '# T\n\n![Kort](kort.png)\n' \
  "02-tal.md:3:1: fejl: billedet 'kort.png' findes ikke"
mistake "image outside the project" '# T\n\n![Pw](/etc/hostname)\n' \
  "02-tal.md:3:1: fejl: billedet '/etc/hostname' ligger uden for projektmappen"
mistake "unknown cross-reference" '# T\n\nSe @tbl:ingen her.\n' \
  "02-tal.md:3:4: fejl: henvisningen @tbl:ingen peger på et mærke, der ikke findes"
mistake "Lua error in the directive's arguments" '# T\n\n```{taltabel}\nid = "tbl:tal"\ncaption = = 1\n```\n' \
  "02-tal.md:5: fejl: i argumenterne til {taltabel}: unexpected symbol near '='"
mistake "inline value without a value" '# T\n\nÅr: {{ project.aar }}\n' \
  "02-tal.md:3:5: fejl: udtrykket {{ project.aar }} gav ingen værdi (nil)"
