#!/usr/bin/env node
// Compiles the Solidity baselines for the gas benchmarks with the pinned solc-js and copies Safe v1.4.1's
// published artifacts, writing bench/artifacts/<Name>.json with sorted keys (deterministic, diffable).
// Usage: node bench/compile.js            (from the repo root or bench/)
//        node bench/compile.js --check    (exit 1 if the committed artifacts differ)
'use strict';

const fs = require('fs');
const path = require('path');

const BENCH = __dirname;
const ROOT = path.resolve(BENCH, '..');
const solc = require(path.join(ROOT, 'tools', 'node_modules', 'solc'));
const OUT = path.join(BENCH, 'artifacts');

const SETTINGS = {
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 200 },
  metadata: { bytecodeHash: 'ipfs' },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

const pkgVersion = (name) =>
  JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', name, 'package.json'), 'utf8')).version;

const OZ = '@openzeppelin/contracts';
const SAFE = '@safe-global/safe-contracts';

// [artifact name, source unit, contract name, source package]
const COMPILED = [
  ['SolidityGate', 'solidity/SolidityGate.sol', 'SolidityGate', `${OZ}@${pkgVersion(OZ)}`],
  ['MockAggregatorV3', 'solidity/mocks/MockAggregatorV3.sol', 'MockAggregatorV3', 'bench (this repo)'],
  ['MockSequencerFeed', 'solidity/mocks/MockSequencerFeed.sol', 'MockSequencerFeed', 'bench (this repo)'],
  ['GasProbe', 'solidity/probe/GasProbe.sol', 'GasProbe', 'bench (this repo)'],
  ['TimelockController', `${OZ}/governance/TimelockController.sol`, 'TimelockController', `${OZ}@${pkgVersion(OZ)}`],
];

// [artifact name, file inside the Safe package]
const SAFE_ARTIFACTS = [
  ['Safe', 'build/artifacts/contracts/Safe.sol/Safe.json'],
  ['SafeL2', 'build/artifacts/contracts/SafeL2.sol/SafeL2.json'],
  ['SafeProxyFactory', 'build/artifacts/contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json'],
  ['CompatibilityFallbackHandler', 'build/artifacts/contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json'],
];

function resolveImport(importPath) {
  const candidates = [path.join(BENCH, importPath), path.join(BENCH, 'node_modules', importPath)];
  for (const file of candidates) {
    if (fs.existsSync(file)) return { contents: fs.readFileSync(file, 'utf8') };
  }
  return { error: `not found: ${importPath}` };
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

const hex = (s) => (s.startsWith('0x') ? s : `0x${s}`);

function compile() {
  const sources = {};
  for (const [, unit] of COMPILED) sources[unit] = { content: resolveImport(unit).contents };
  const input = { language: 'Solidity', sources, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: resolveImport }));
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  for (const e of output.errors || []) process.stderr.write(`${e.formattedMessage}\n`);
  if (errors.length) throw new Error(`solc reported ${errors.length} error(s)`);
  const compiler = `solc-js ${solc.version()}`;
  return COMPILED.map(([name, unit, contract, source]) => {
    const c = output.contracts[unit][contract];
    return [name, {
      abi: c.abi,
      bytecode: hex(c.evm.bytecode.object),
      deployedBytecode: hex(c.evm.deployedBytecode.object),
      compiler,
      settings: { evmVersion: SETTINGS.evmVersion, optimizer: SETTINGS.optimizer },
      source: `${source}: ${unit}`,
    }];
  });
}

function safe() {
  const version = pkgVersion(SAFE);
  return SAFE_ARTIFACTS.map(([name, file]) => {
    const a = JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', SAFE, file), 'utf8'));
    const dbg = JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', SAFE, file.replace(/\.json$/, '.dbg.json')), 'utf8'));
    const buildInfo = JSON.parse(fs.readFileSync(path.join(path.dirname(path.join(BENCH, 'node_modules', SAFE, file)), dbg.buildInfo), 'utf8'));
    const s = buildInfo.input.settings;
    return [name, {
      abi: a.abi,
      bytecode: hex(a.bytecode),
      deployedBytecode: hex(a.deployedBytecode),
      compiler: `solc ${buildInfo.solcLongVersion} (published build, not recompiled)`,
      settings: { evmVersion: s.evmVersion || 'default', optimizer: s.optimizer },
      source: `${SAFE}@${version}: ${file}`,
    }];
  });
}

function main() {
  const check = process.argv.includes('--check');
  const artifacts = [...compile(), ...safe()];
  let drift = 0;
  if (!check) fs.mkdirSync(OUT, { recursive: true });
  for (const [name, artifact] of artifacts) {
    const file = path.join(OUT, `${name}.json`);
    const text = `${JSON.stringify(sortKeys(artifact), null, 2)}\n`;
    if (check) {
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
        process.stderr.write(`drift: ${path.relative(ROOT, file)}\n`);
        drift += 1;
      }
    } else {
      fs.writeFileSync(file, text);
      const size = (artifact.deployedBytecode.length - 2) / 2;
      process.stdout.write(`${name}: ${size} bytes deployed (${artifact.source})\n`);
    }
  }
  if (drift) process.exit(1);
}

main();
