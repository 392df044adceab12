// Warm snarkjs: snarkjs 0.7.6 used as a library in one Node process, proving RUNS times with the
// .zkey and .wtns held in memory (read from disk once), the way a long-running prover service
// would use it. Prints each run, the best and the median, and writes the last proof. Part of
// benchmarks/compare-snarkjs.sh; not a test.
//
// Usage: node benchmarks/snarkjs-warm.cjs <snarkjs dir> <key.zkey> <witness.wtns> <proof.json> <public.json> <runs>
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const [dir, zkeyPath, wtnsPath, proofPath, publicPath, runsArg] = process.argv.slice(2);
  const runs = parseInt(runsArg || "5", 10);
  const snarkjs = require(path.join(dir, "build", "main.cjs"));
  const t0 = process.hrtime.bigint();
  const zkey = { type: "mem", data: new Uint8Array(fs.readFileSync(zkeyPath)) };
  const wtns = { type: "mem", data: new Uint8Array(fs.readFileSync(wtnsPath)) };
  console.log(`snarkjs (library) read zkey + wtns: ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3)} s`);
  const times = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    out = await snarkjs.groth16.prove(zkey, wtns);
    const e = Number(process.hrtime.bigint() - s) / 1e9;
    times.push(e);
    console.log(`snarkjs (library) prove run ${i + 1}: ${e.toFixed(3)} s`);
  }
  const sorted = times.slice().sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  console.log(`snarkjs (library) prove best: ${sorted[0].toFixed(3)} s`);
  console.log(`snarkjs (library) prove median: ${median.toFixed(3)} s`);
  fs.writeFileSync(proofPath, JSON.stringify(out.proof, null, 1));
  fs.writeFileSync(publicPath, JSON.stringify(out.publicSignals, null, 1));
  // ffjavascript keeps worker threads for the curve; end them so the process exits
  if (globalThis.curve_bn128) {
    await globalThis.curve_bn128.terminate();
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
