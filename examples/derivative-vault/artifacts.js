#!/usr/bin/env node
// Copies the deployable parts of forge's build output (out/) to artifacts/<Name>.json — {abi, bytecode,
// deployedBytecode, compiler, source} with sorted keys — so the Rust tools and end-to-end tests deploy the
// vault without a Solidity compiler at run time. Run after `forge build` (test.sh does).
// Usage: node artifacts.js            write artifacts/
//        node artifacts.js --check    exit 1 if the committed artifacts differ from out/
'use strict';

const fs = require('fs');
const path = require('path');

const HERE = __dirname;
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(HERE, 'out');
const ARTIFACTS = path.join(HERE, 'artifacts');
const CONTRACTS = [
  ['DerivativeVault', 'src/DerivativeVault.sol'],
  ['MockERC20', 'src/mocks/MockERC20.sol'],
  ['MockAggregatorV3', 'src/mocks/MockAggregatorV3.sol'],
  ['MockSequencerUptimeFeed', 'src/mocks/MockSequencerUptimeFeed.sol'],
];

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

function artifact(name, source) {
  const file = path.join(OUT, `${path.basename(source)}`, `${name}.json`);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} missing: run forge build first`);
  const forge = JSON.parse(fs.readFileSync(file, 'utf8'));
  const metadata = typeof forge.metadata === 'string' ? JSON.parse(forge.metadata) : forge.metadata;
  return {
    abi: forge.abi,
    bytecode: forge.bytecode.object,
    deployedBytecode: forge.deployedBytecode.object,
    compiler: `solc-js ${metadata.compiler.version}`,
    settings: { evmVersion: metadata.settings.evmVersion, optimizer: metadata.settings.optimizer },
    source: `examples/derivative-vault/${source}`,
  };
}

function main() {
  const check = process.argv.includes('--check');
  let drift = 0;
  if (!check) fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const [name, source] of CONTRACTS) {
    const text = `${JSON.stringify(sortKeys(artifact(name, source)), null, 2)}\n`;
    const file = path.join(ARTIFACTS, `${name}.json`);
    if (check) {
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
        process.stderr.write(`drift: ${path.relative(ROOT, file)} (run node examples/derivative-vault/artifacts.js)\n`);
        drift += 1;
      }
    } else {
      fs.writeFileSync(file, text);
    }
  }
  if (drift) process.exit(1);
}

main();
