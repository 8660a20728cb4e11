# The example's literature list: every cited work is printed, sorted the
# Danish way, in the PDF and the HTML of both editions, and every citation
# links to its entry. Reads the outputs `make` built in out/eksempel/.
. tests/lib.sh

OUT=out/eksempel
BIB=content/eksempel/litteratur.bib
check "the example has a bibliography" test -f "$BIB"
keys=$(grep -o '^@[a-z]*{[^,]*,' "$BIB" | grep -vi '^@string' | sed 's/.*{//; s/,$//')
check_eq "the example's list has 15 or more works" "$( [ "$(echo "$keys" | wc -w)" -ge 15 ] && echo yes)" "yes"
check "the example bibliography equals the test fixture" cmp "$BIB" tests/fixtures/cite/litteratur.bib

for ed in midtvejs slut; do
  pdf=$OUT/$ed.pdf html=$OUT/$ed.html
  check "$ed: built" test -f "$pdf" -a -f "$html"
  pdftotext "$pdf" "$TMP/$ed.txt" 2>/dev/null
  tr '\n' ' ' <"$TMP/$ed.txt" | sed 's/- //g; s/  */ /g' >"$TMP/$ed.flat"
  # citations as printed
  check_contains "$ed: PDF citation with two works and a page" "$TMP/$ed.flat" "(Dahl & Brønd 2014; Sørensen & Lund 2017; Lindqvist 2020)"
  check_contains "$ed: PDF in-text citation" "$TMP/$ed.flat" "Typologien bygger på Østbjerg (2018a)"
  check_contains "$ed: PDF et al. and page" "$TMP/$ed.flat" "Kjær et al. 2019b, s. 35–40"
  check_contains "$ed: PDF suppressed author" "$TMP/$ed.flat" "Kjær, Due og Bach (2019a)"
  check_contains "$ed: PDF no year" "$TMP/$ed.flat" "(Udvalget for Lokal Beskæftigelse u.å.)"
  check_contains "$ed: PDF literature heading" "$TMP/$ed.txt" "Litteratur"
  check_contains "$ed: PDF article entry" "$TMP/$ed.flat" "Dahl, Signe og Kasper Brønd (2014): ”Virksomhedsservice mellem konkurrence og samarbejde”. Nordisk Administrativt Tidsskrift, 91(2), s. 101–119."
  # every key has its entry and every entry its link, in the HTML
  missing="" unlinked=""
  for k in $keys; do
    grep -q "<p id=\"ref-$k\" class=\"haengende\">" "$html" || missing="$missing $k"
    grep -q "href=\"#ref-$k\"" "$html" || unlinked="$unlinked $k"
  done
  check_eq "$ed: HTML lists every work" "$missing" ""
  check_eq "$ed: HTML links every citation" "$unlinked" ""
  check_contains "$ed: HTML title in italics" "$html" "<em>Fra kantine til kompagni: samarbejdets idealtyper</em>"
  check_contains "$ed: HTML DOI as a link" "$html" "<a href=\"https://doi.org/10.5555/tas.2019.213\">"
  # Danish order: Ø and Å after Z (W), 2018a before 2018b
  order=$(grep -o '<p id="ref-[^"]*"' "$html" | sed 's/.*ref-//; s/"//' | tr '\n' ' ')
  check_eq "$ed: HTML list in Danish order" "$order" "bertelsen2018 dahl2014 kommissionen2019 frost2013 holm2015 kjaer2019laering kjaer2019mandat lindqvist2020 moller2012 portalen2022 ravn2021 styrelsen2021 sorensen2017 udvalget vestbo2017 whitfield2011 ostbjerg2018 ostbjerg2018idealtyper agard2017 "
  # the PDF's citation links land on the pages of the list: as many links
  # go there as the HTML has citation links (qpdf's QDF form names each
  # page object after a "%% Page N" comment; a link's /Dest points to an
  # array whose first element is the target page)
  cites=0
  for k in $keys; do
    cites=$((cites + $(grep -o "href=\"#ref-$k\"" "$html" | wc -l)))
  done
  # pdftotext ends each page with a form feed: count them to find pages
  first=$(awk '/Bertelsen, Ulla \(2018\)/ { print NR; exit }' RS='\f' "$TMP/$ed.txt")
  last=$(awk '/Ågård, Lise \(2017\)/ { print NR; exit }' RS='\f' "$TMP/$ed.txt")
  qpdf --qdf --object-streams=disable "$pdf" "$TMP/$ed.qdf" 2>/dev/null
  landing=$(awk -v a="$first" -v b="$last" '
    /^%% Page [0-9]+$/ { pg = $3; want = 1; next }
    /^[0-9]+ 0 obj$/ { cur = $1; if (want) { pageof[cur] = pg; want = 0 }; arr = 0; next }
    cur != "" && /^\[$/ { arr = 1; next }
    arr == 1 && /^ *[0-9]+ 0 R$/ { first[cur] = $1; arr = 2; next }
    /\/Dest [0-9]+ 0 R/ { dest[cur] = $2 }
    /\/Subtype \/Link/ { link[cur] = 1 }
    END { n = 0
          for (o in link) if (o in dest) { p = pageof[first[dest[o]]]
            if (p >= a && p <= b) n++ }
          print n }' "$TMP/$ed.qdf")
  check_eq "$ed: PDF links land on the list (pages $first-$last): $landing for $cites citations" \
    "$( [ "$cites" -ge 19 ] && [ "$landing" -ge "$cites" ] && echo yes)" "yes"
done

# published research is not anonymised: the public edition lists the same
if [ -f "$OUT/offentlig/slut-offentlig.html" ]; then
  grep -o '<p id="ref-[^>]*>.*</p>' "$OUT/slut.html" >"$TMP/list.txt"
  grep -o '<p id="ref-[^>]*>.*</p>' "$OUT/offentlig/slut-offentlig.html" >"$TMP/list-pub.txt"
  check "public edition: the same literature list" cmp "$TMP/list.txt" "$TMP/list-pub.txt"
fi
