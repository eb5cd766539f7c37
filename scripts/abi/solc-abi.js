#!/usr/bin/env node
// Compiles every abi/*.sol in a directory with solc-js (tools/node_modules)
// and writes <dir>/json/<Interface>.json (the JSON ABI). Fails on any
// compiler error, so it also proves the exported interfaces compile.
//
// Usage: node scripts/abi/solc-abi.js DIR
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require(path.join(__dirname, '..', '..', 'tools', 'node_modules', 'solc'));

const dir = process.argv[2];
if (!dir) {
  console.error('usage: solc-abi.js DIR');
  process.exit(2);
}
const sources = {};
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(dir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: { evmVersion: 'cancun', outputSelection: { '*': { '*': ['abi'] } } },
};
const out = JSON.parse(
  solc.compile(JSON.stringify(input), {
    import: (p) => {
      const file = path.join(dir, path.basename(p));
      return fs.existsSync(file) ? { contents: fs.readFileSync(file, 'utf8') } : { error: `not found: ${p}` };
    },
  }),
);
const errors = (out.errors || []).filter((e) => e.severity === 'error');
for (const e of out.errors || []) console.error(e.formattedMessage);
if (errors.length) process.exit(1);
fs.mkdirSync(path.join(dir, 'json'), { recursive: true });
for (const [file, contracts] of Object.entries(out.contracts)) {
  for (const [name, c] of Object.entries(contracts)) {
    if (path.basename(file, '.sol') !== name) continue; // imported parents are written from their own file
    fs.writeFileSync(path.join(dir, 'json', `${name}.json`), JSON.stringify(c.abi, null, 2) + '\n');
    console.log(path.join(dir, 'json', `${name}.json`));
  }
}
console.log(`solc ${solc.version()}`);
