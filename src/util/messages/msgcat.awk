# msgcat.awk - turns the message catalogues into the C header util/messages.h
#
#   awk -f msgcat.awk da.txt en.txt [xx.txt...] SOURCES... > messages.h
#
# The arguments ending in .txt are the catalogues, one per language, named by
# their language code; the first is the default language (Danish). The other
# arguments are the C sources: every key must be used in them as M_KEY.
#
# A catalogue line is `KEY "text"`, where the text is one or more C string
# literals, exactly as C writes them (escapes included); a line that begins
# with blanks and a literal continues the key above. `#` lines are comments.
# For each key the header gets
#   #define M_KEY MSG_PICK("da text", "en text")
# and MSG_PICK picks the literal of the language msg_lang chooses: the call
# site keeps a literal format, so gcc's -Wformat checks every language's text
# against the arguments. Adding a language is adding its catalogue file.
#
# It refuses (exit 1, each problem as FILE:LINE: message) a malformed line, a
# key twice in one catalogue, a key missing from a catalogue, a key no source
# uses, and texts whose printf conversions differ between languages (write
# %1$s, %2$s where the word order differs) or that print nothing (%.0s).

function fail(where, msg) {
  print where ": " msg > "/dev/stderr"
  bad = 1
}

# The literals of s (after the key) joined, without their quotes; sets ok to
# 0 if s is not a sequence of string literals.
function literals(s, where,    out, i, c, inlit) {
  ok = 1
  out = ""
  inlit = 0
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (!inlit) {
      if (c == "\"")
        inlit = 1
      else if (c != " " && c != "\t") {
        fail(where, "expected a string literal \"...\" at \"" substr(s, i) "\"")
        ok = 0
        return ""
      }
    } else if (c == "\\") {
      out = out c substr(s, i + 1, 1)
      i++
    } else if (c == "\"") {
      inlit = 0
    } else {
      out = out c
    }
  }
  if (inlit) {
    fail(where, "the string literal is not closed with \"")
    ok = 0
  }
  return out
}

# The printf conversions of text t as "argument:type" words in argument order,
# so "%s has %zu" and "%2$zu ... %1$s" both give "1:s 2:zu".
function conversions(t, where,    i, rest, spec, n, pos, sig, numbered, plain, arg, type, star) {
  n = 0
  numbered = plain = 0
  delete sigof
  rest = t
  while ((i = index(rest, "%")) > 0) {
    rest = substr(rest, i)
    if (substr(rest, 2, 1) == "%") {
      rest = substr(rest, 3)
      continue
    }
    if (!match(rest, /^%([0-9]+\$)?[-+ #0']*([0-9]+|\*([0-9]+\$)?)?(\.([0-9]+|\*([0-9]+\$)?)?)?(hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGaAcspn]/)) {
      fail(where, "'" substr(rest, 1, 6) "...' is not a printf conversion; write %% for a percent sign")
      return "?"
    }
    spec = substr(rest, 1, RLENGTH)
    rest = substr(rest, RLENGTH + 1)
    if (spec ~ /^%\.0s$/ || spec ~ /^%[0-9]+\$\.0s$/)
      fail(where, "'" spec "' prints nothing; use numbered conversions (%1$s) where the languages order the arguments differently")
    if (spec ~ /^%[0-9]+\$/) {
      numbered = 1
      pos = substr(spec, 2) + 0
    } else {
      plain = 1
      star = spec
      while (sub(/\*/, "", star))
        sigof[++n] = "int"
      pos = ++n
    }
    type = spec
    sub(/^%([0-9]+\$)?[-+ #0']*([0-9]+|\*([0-9]+\$)?)?(\.([0-9]+|\*([0-9]+\$)?)?)?/, "", type)
    sub(/i$/, "d", type)
    sub(/[oxX]$/, "u", type)
    sub(/[eEfFgGaA]$/, "f", type)
    sigof[pos] = type
    if (pos > n)
      n = pos
  }
  if (numbered && plain)
    fail(where, "mixes numbered (%1$s) and plain (%s) conversions; number them all")
  sig = ""
  for (arg = 1; arg <= n; arg++)
    sig = sig (arg > 1 ? " " : "") arg ":" ((arg in sigof) ? sigof[arg] : "-")
  return sig
}

FNR == 1 {
  key = ""
  if (FILENAME ~ /\.txt$/) {
    cat = 1
    lang = FILENAME
    sub(/.*\//, "", lang)
    sub(/\.txt$/, "", lang)
    langs[++nlangs] = lang
    file[lang] = FILENAME
  } else {
    cat = 0
  }
}

cat && (/^#/ || /^[ \t]*$/) { next }

cat && /^[ \t]+"/ {
  if (key == "") {
    fail(FILENAME ":" FNR, "a continued text with no key above it")
    next
  }
  t = literals($0, FILENAME ":" FNR)
  if (ok) {
    text[lang, key] = text[lang, key] t
    raw[lang, key] = raw[lang, key] " \\\n      " substr($0, match($0, /"/))
  }
  next
}

cat {
  key = ""
  if (!match($0, /^[A-Z][A-Z0-9_]*[ \t]+"/)) {
    fail(FILENAME ":" FNR, "expected KEY \"text\" (a key in capitals, then the text as a C string literal)")
    next
  }
  k = $1
  if ((lang, k) in line) {
    fail(FILENAME ":" FNR, "the key " k " is already at line " line[lang, k] "; each key once")
    next
  }
  line[lang, k] = FNR
  if (!(k in known)) {
    known[k] = 1
    order[++nkeys] = k
  }
  t = literals(substr($0, length(k) + 1), FILENAME ":" FNR)
  if (!ok)
    next
  key = k
  text[lang, key] = t
  raw[lang, key] = substr($0, index($0, "\""))
  next
}

# a source file: note every M_KEY it names
{
  s = $0
  while (match(s, /M_[A-Z0-9_]+/)) {
    if (RSTART == 1 || substr(s, RSTART - 1, 1) !~ /[A-Za-z0-9_]/)
      used[substr(s, RSTART + 2, RLENGTH - 2)] = 1
    s = substr(s, RSTART + RLENGTH)
  }
}

END {
  if (nlangs == 0) {
    print "msgcat.awk: no catalogue (*.txt) given" > "/dev/stderr"
    exit 1
  }
  for (j = 1; j <= nkeys; j++) {
    k = order[j]
    first = ""
    for (l = 1; l <= nlangs; l++) {
      lg = langs[l]
      if (!((lg, k) in line)) {
        for (m = 1; m <= nlangs; m++)
          if ((langs[m], k) in line) {
            have = file[langs[m]] ":" line[langs[m], k]
            break
          }
        fail(have, "the key " k " has no " lg " text in " file[lg] "; add it there")
        continue
      }
      where = file[lg] ":" line[lg, k]
      sig = conversions(text[lg, k], where)
      if (first == "") {
        first = lg
        firstsig = sig
      } else if (sig != firstsig) {
        fail(where, "the conversions of " k " differ from " file[first] ":" line[first, k] " (" lg ": " (sig == "" ? "none" : sig) "; " first ": " (firstsig == "" ? "none" : firstsig) "); they must take the same arguments")
      }
    }
    if (!(k in used))
      fail(file[langs[1]] ":" line[langs[1], k], "the key " k " is used nowhere (no M_" k " in the sources); remove it from every catalogue")
  }
  if (bad)
    exit 1
  print "/* util/messages.h - generated by make from the message catalogues"
  printf " * (src/util/messages/<language>.txt) by src/util/messages/msgcat.awk; do not\n"
  print " * edit: edit the catalogues. */"
  print "#ifndef RAPPORT_MESSAGES_H"
  print "#define RAPPORT_MESSAGES_H"
  print ""
  printf "#define MSG_NLANGS %d\n", nlangs
  printf "#define MSG_LANGS {"
  for (l = 1; l <= nlangs; l++)
    printf "%s\"%s\"", (l > 1 ? ", " : ""), langs[l]
  print "}"
  printf "#define MSG_PICK("
  for (l = 1; l <= nlangs; l++)
    printf "%sm%d", (l > 1 ? ", " : ""), l - 1
  printf ") ("
  for (l = nlangs; l > 1; l--)
    printf "msg_lang == %d ? (m%d) : ", l - 1, l - 1
  print "(m0))"
  print ""
  for (j = 1; j <= nkeys; j++) {
    k = order[j]
    printf "#define M_%s \\\n  MSG_PICK(", k
    for (l = 1; l <= nlangs; l++)
      printf "%s%s", (l > 1 ? ", \\\n           " : ""), raw[langs[l], k]
    print ")"
  }
  print ""
  print "#endif"
}
