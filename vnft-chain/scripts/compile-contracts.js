#!/usr/bin/env node
// Compiles Solidity sources with the pinned solc-js (standard JSON, optimizer on, 200 runs) and writes,
// per contract, <Name>.abi, <Name>.bin (creation code) and <Name>.json (abi, bytecode, deployed size,
// method identifiers) into the output directory. Imports resolve against the source directory and
// node_modules (for @openzeppelin/...).
//
// Usage: node compile-contracts.js <sourceDir> <outputDir> [--viaIR] [--include <dir>]... [--solc <npm package>]
// --solc names the solc-js package under node_modules to use (default "solc", 0.8.28; "solc-0.8.26" is the
// alias package.json pins for Chainlink's proxy, whose pragma is exact).
// Incremental: when a stamp of (solc version, settings, every source file's path and content) equals the
// one written by the previous run, nothing is compiled. Writes go to temp names then rename.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const moduleDir = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
if (args.length < 2) {
  console.error('usage: compile-contracts.js <sourceDir> <outputDir> [--viaIR] [--include <dir>]... [--solc <npm package>]');
  process.exit(2);
}
const srcDir = path.resolve(args[0]);
const outDir = path.resolve(args[1]);
const viaIR = args.includes('--viaIR');
const includeDirs = [srcDir];
for (let i = 2; i < args.length; i++) {
  if (args[i] === '--include') includeDirs.push(path.resolve(args[++i]));
}
const solcIndex = args.indexOf('--solc');
const solcPackage = solcIndex >= 0 ? args[solcIndex + 1] : 'solc';

let solc;
try {
  solc = require(path.join(moduleDir, 'node_modules', solcPackage));
} catch (e) {
  console.error('solc-js (' + solcPackage + ') is not installed in ' + moduleDir + '/node_modules: run npm ci (or mvn without -DskipNpm)');
  process.exit(1);
}

function listSol(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listSol(p));
    else if (e.name.endsWith('.sol')) out.push(p);
  }
  return out.sort();
}

// Only files under the first (primary) source directory are compilation units; include dirs are for imports.
const files = listSol(srcDir);
if (files.length === 0) {
  console.log('compile-contracts: no .sol files under ' + srcDir);
  process.exit(0);
}
const settings = {
  optimizer: { enabled: true, runs: 200 },
  viaIR,
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.methodIdentifiers'] } },
};

const hash = crypto.createHash('sha256');
hash.update(solc.version());
hash.update(JSON.stringify(settings));
hash.update(JSON.stringify(includeDirs));
for (const dir of includeDirs) {
  for (const f of listSol(dir)) {
    hash.update(f);
    hash.update(fs.readFileSync(f));
  }
}
const stamp = hash.digest('hex');
const stampFile = path.join(outDir, '.stamp');
if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
  console.log('compile-contracts: ' + path.relative(process.cwd(), outDir) + ' is up to date');
  process.exit(0);
}

const sources = {};
for (const f of files) sources[path.relative(srcDir, f).split(path.sep).join('/')] = { content: fs.readFileSync(f, 'utf8') };

function findImports(importPath) {
  const candidates = [];
  for (const dir of includeDirs) candidates.push(path.join(dir, importPath));
  candidates.push(path.join(moduleDir, 'node_modules', importPath));
  for (const c of candidates) {
    if (fs.existsSync(c)) return { contents: fs.readFileSync(c, 'utf8') };
  }
  return { error: 'File not found: ' + importPath };
}

const started = Date.now();
const output = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources, settings }), { import: findImports }));
let failed = false;
for (const err of output.errors || []) {
  const text = err.formattedMessage || err.message;
  if (err.severity === 'error') {
    failed = true;
    console.error(text);
  } else if (err.sourceLocation && !(err.sourceLocation.file in sources)) {
    // a warning inside an imported third-party file (OpenZeppelin, Chainlink): not ours to fix
  } else if (!/SPDX|Unnamed return variable/.test(text)) {
    console.warn(text);
  }
}
if (failed) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
function writeAtomic(file, data) {
  const tmp = file + '.tmp-' + process.pid;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
let count = 0;
for (const [unit, contracts] of Object.entries(output.contracts || {})) {
  if (!(unit in sources)) continue; // only contracts declared in our own source files
  for (const [name, c] of Object.entries(contracts)) {
    const bin = c.evm.bytecode.object;
    writeAtomic(path.join(outDir, name + '.abi'), JSON.stringify(c.abi));
    writeAtomic(path.join(outDir, name + '.bin'), bin);
    writeAtomic(path.join(outDir, name + '.json'), JSON.stringify({
      contractName: name,
      sourceUnit: unit,
      abi: c.abi,
      bytecode: '0x' + bin,
      deployedSize: c.evm.deployedBytecode.object.length / 2,
      methodIdentifiers: c.evm.methodIdentifiers,
    }, null, 1));
    const size = c.evm.deployedBytecode.object.length / 2;
    if (bin.length > 0 && size > 24576) {
      console.error('compile-contracts: ' + name + ' deployed size ' + size + ' exceeds the EIP-170 limit 24576');
      process.exit(1);
    }
    count++;
  }
}
writeAtomic(stampFile, stamp);
console.log('compile-contracts: ' + count + ' contracts from ' + files.length + ' files in ' + (Date.now() - started) + ' ms (solc ' + solc.version() + (viaIR ? ', viaIR' : '') + ')');
