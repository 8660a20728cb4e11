// bench/typst.js IN.typ OUT.pdf | --startup - the Typst peer of `make
// bench`: compiles IN.typ to a tagged PDF (PDF/UA-1, like rapport's) with
// the pinned @myriaddreamin/typst-ts-node-compiler (Typst 0.14), fonts
// from /usr/share/fonts/truetype. With --startup it only starts node and
// loads the compiler module: node's own start-up, which bench/run.sh
// reports beside the whole run and subtracts.
'use strict';
const fs = require('fs');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const [input, output] = process.argv.slice(2);
if (input === '--startup')
  process.exit(NodeCompiler ? 0 : 1);
if (!input || !output) {
  process.stderr.write('usage: node bench/typst.js IN.typ OUT.pdf | --startup\n');
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
