// tests/pdfua/typst.js IN.typ OUT.pdf | --startup - compiles a Typst file to
// a tagged PDF (PDF/UA-1) with the pinned @myriaddreamin/typst-ts-node-compiler
// (Typst 0.14), fonts from /usr/share/fonts/truetype, at a fixed timestamp
// so the output is reproducible. The checker's calibration uses it, and
// `make bench` as its Typst peer; there --startup only starts node and loads
// the compiler module: node's own start-up, which bench/run.sh subtracts.
'use strict';
const fs = require('fs');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const [input, output] = process.argv.slice(2);
if (input === '--startup')
  process.exit(NodeCompiler ? 0 : 1);
if (!input || !output) {
  process.stderr.write('usage: node typst.js IN.typ OUT.pdf | --startup\n');
  process.exit(2);
}
const compiler = NodeCompiler.create({
  fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype'] }],
});
const pdf = compiler.pdf(
  { mainFileContent: fs.readFileSync(input, 'utf8') },
  { pdfStandard: 'ua-1', creationTimestamp: 1764892800 },
);
fs.writeFileSync(output, pdf);
