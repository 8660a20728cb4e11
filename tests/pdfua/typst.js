// tests/pdfua/typst.js IN.typ OUT.pdf - compiles a Typst file to PDF/UA-1
// with the pinned @myriaddreamin/typst-ts-node-compiler (Typst 0.14), at a
// fixed timestamp so the calibration output is reproducible.
'use strict';
const fs = require('fs');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: node typst.js IN.typ OUT.pdf\n');
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
