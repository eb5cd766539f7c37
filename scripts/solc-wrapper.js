#!/usr/bin/env node
// A `solc` command line over the pinned solc-js (tools/node_modules/solc), for tools that run a native
// solc binary — forge in particular (`solc = "<path to this file>"` with `offline = true` and
// `auto_detect_solc = false` in foundry.toml). Only the two modes such tools use are supported:
//
//   solc-wrapper.js --version
//       prints "solc, the solidity compiler commandline interface\nVersion: <solc-js version>", as solc does.
//   solc-wrapper.js --standard-json [--base-path DIR] [--include-path DIR]... [--allow-paths A,B] [FILE]
//       reads the Standard JSON input from FILE or stdin, writes the Standard JSON output to stdout.
//       Imports missing from the input are read from disk, as native solc does: relative to the base path
//       and each include path (absolute source unit names as they are), only inside the base path,
//       the include paths and the allowed paths. `settings.remappings` are applied by the compiler.
//
// Exit codes follow solc: 0 whenever Standard JSON output was written (compile errors are reported in
// its "errors" array), 1 for command-line errors, 2 for an internal failure of the wrapper itself.
//
// SOLC_WRAPPER_LOG=<file> appends each invocation's arguments and working directory to <file>.
'use strict';

const fs = require('fs');
const path = require('path');

const SOLC_MODULE = path.resolve(__dirname, '..', 'tools', 'node_modules', 'solc');

const USAGE = `usage: ${path.basename(process.argv[1])} --version
       ${path.basename(process.argv[1])} --standard-json [--base-path DIR] [--include-path DIR]... [--allow-paths PATHS] [FILE]
A solc command line over solc-js (${SOLC_MODULE}).`;

/** A command-line mistake: reported on stderr with exit code 1. */
class UsageError extends Error {}

/**
 * Parses the arguments.
 * @param {string[]} args the arguments after the script name.
 * @returns {{mode: string, basePath: string|null, includePaths: string[], allowPaths: string[],
 *   inputFile: string|null, noImportCallback: boolean}}
 */
function parseArgs(args) {
  const options = {
    mode: null, basePath: null, includePaths: [], allowPaths: [], inputFile: null, noImportCallback: false,
  };
  const setMode = (mode) => {
    if (options.mode !== null && options.mode !== mode) {
      throw new UsageError(`${options.mode} and ${mode} cannot be used together`);
    }
    options.mode = mode;
  };
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inlineValue] = args[i].startsWith('--') && args[i].includes('=')
      ? [args[i].slice(0, args[i].indexOf('=')), args[i].slice(args[i].indexOf('=') + 1)]
      : [args[i], undefined];
    const value = () => {
      if (inlineValue !== undefined) return inlineValue;
      i += 1;
      if (i >= args.length) throw new UsageError(`${flag} needs a value`);
      return args[i];
    };
    switch (flag) {
      case '--version':
      case '-v':
        setMode('--version');
        break;
      case '--standard-json':
        setMode('--standard-json');
        break;
      case '--help':
      case '-h':
        setMode('--help');
        break;
      case '--base-path':
        options.basePath = value();
        break;
      case '--include-path':
        options.includePaths.push(value());
        break;
      case '--allow-paths':
        options.allowPaths.push(...value().split(',').filter((p) => p !== ''));
        break;
      case '--no-import-callback':
        options.noImportCallback = true;
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`unsupported option: ${flag}`);
        if (options.inputFile !== null) throw new UsageError('at most one input file with --standard-json');
        options.inputFile = flag;
    }
  }
  if (options.mode === null) throw new UsageError('one of --version or --standard-json is required');
  return options;
}

/** Reads all of stdin (any size) as UTF-8. */
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Whether `file` is `dir` or inside it (both absolute and normalized). */
function isInside(file, dir) {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The import callback: finds a source unit the input does not contain, as native solc's file reader does.
 * @param {{basePath: string|null, includePaths: string[], allowPaths: string[]}} options the parsed arguments.
 * @returns {(sourceUnitName: string) => ({contents: string}|{error: string})}
 */
function makeImportCallback(options) {
  const cwd = process.cwd();
  const basePath = path.resolve(cwd, options.basePath ?? '');
  const roots = [basePath, ...options.includePaths.map((p) => path.resolve(cwd, p))];
  const allowed = [...roots, ...options.allowPaths.map((p) => path.resolve(cwd, p))];
  return (sourceUnitName) => {
    const candidates = path.isAbsolute(sourceUnitName)
      ? [path.normalize(sourceUnitName)]
      : roots.map((root) => path.resolve(root, sourceUnitName));
    for (const file of candidates) {
      if (!allowed.some((dir) => isInside(file, dir))) continue;
      try {
        return { contents: fs.readFileSync(file, 'utf8') };
      } catch (error) {
        if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR' && error.code !== 'EISDIR') {
          return { error: `cannot read ${file}: ${error.message}` };
        }
      }
    }
    return { error: `File not found. Searched the following locations: ${candidates.map((c) => `"${c}"`).join(', ')}.` };
  };
}

/** A Standard JSON output holding one error, as solc reports input it cannot use. */
function errorOutput(type, message) {
  return JSON.stringify({
    errors: [{ component: 'general', formattedMessage: `${type}: ${message}`, message, severity: 'error', type }],
  });
}

/** Loads solc-js (slow: it instantiates the compiler), only once it is needed. */
function loadSolc() {
  return require(SOLC_MODULE);
}

async function main(args) {
  const options = parseArgs(args);
  if (options.mode === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const solc = loadSolc();
  if (options.mode === '--version') {
    process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
    return 0;
  }
  const input = options.inputFile === null ? await readStdin() : fs.readFileSync(options.inputFile, 'utf8');
  try {
    JSON.parse(input);
  } catch (error) {
    process.stdout.write(`${errorOutput('JSONError', `Error parsing input JSON: ${error.message}`)}\n`);
    return 0;
  }
  const callbacks = options.noImportCallback ? {} : { import: makeImportCallback(options) };
  const output = solc.compile(input, callbacks);
  process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  return 0;
}

if (process.env.SOLC_WRAPPER_LOG) {
  fs.appendFileSync(process.env.SOLC_WRAPPER_LOG, `${JSON.stringify({ cwd: process.cwd(), argv: process.argv.slice(2) })}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    // Not process.exit(): stdout, a pipe, may still be draining a large output.
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`solc-wrapper: ${error.stack || error}\n`);
      process.exitCode = 2;
    }
  },
);
