#!/usr/bin/env node
// Fetches one npm package tarball, pinned by version and by the registry's sha512 integrity, and unpacks it
// under <destDir>/<name>/ without installing its dependencies. Used for @chainlink/contracts, whose
// `npm install` fails here on a git dependency (@zksync/contracts) that its Solidity sources do not need.
//
// Usage: node fetch-npm-tarball.js <name> <version> <sha512-integrity> <destDir>
// Idempotent: when <destDir>/<name>/.integrity holds the expected integrity, nothing is fetched.
// The tarball goes through npm's cache (npm pack), so a second machine build is offline once cached.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const [name, version, integrity, destArg] = process.argv.slice(2);
if (!name || !version || !/^sha512-/.test(integrity || '') || !destArg) {
  console.error('usage: fetch-npm-tarball.js <name> <version> <sha512-integrity> <destDir>');
  process.exit(2);
}
const target = path.join(path.resolve(destArg), name);
const stamp = path.join(target, '.integrity');
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === integrity) {
  console.log('fetch-npm-tarball: ' + name + '@' + version + ' is up to date');
  process.exit(0);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vnft-npm-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pack = spawnSync(npm, ['pack', name + '@' + version, '--pack-destination', tmp, '--json'], {
  encoding: 'utf8',
});
if (pack.status !== 0) {
  console.error('fetch-npm-tarball: npm pack ' + name + '@' + version + ' failed:\n' + pack.stderr);
  process.exit(1);
}
const tgz = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
const actual = 'sha512-' + crypto.createHash('sha512').update(fs.readFileSync(path.join(tmp, tgz))).digest('base64');
if (actual !== integrity) {
  console.error('fetch-npm-tarball: ' + name + '@' + version + ' integrity ' + actual + ' is not the pinned ' + integrity);
  process.exit(1);
}
const staging = target + '.tmp-' + process.pid;
fs.rmSync(staging, { recursive: true, force: true });
fs.mkdirSync(staging, { recursive: true });
const untar = spawnSync('tar', ['xzf', path.join(tmp, tgz), '-C', staging, '--strip-components=1'], { encoding: 'utf8' });
if (untar.status !== 0) {
  console.error('fetch-npm-tarball: tar failed:\n' + untar.stderr);
  process.exit(1);
}
fs.writeFileSync(path.join(staging, '.integrity'), integrity);
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.renameSync(staging, target);
fs.rmSync(tmp, { recursive: true, force: true });
console.log('fetch-npm-tarball: ' + name + '@' + version + ' unpacked in ' + target);
