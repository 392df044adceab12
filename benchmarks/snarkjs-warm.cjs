// Warm snarkjs: snarkjs 0.7.6 used as a library in one Node process, proving RUNS times with the
// .zkey and .wtns held in memory (read from disk once), the way a long-running prover service
// would use it. Prints each run (wall and process CPU time), the best and the median, and writes
// the last proof. Part of
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
  const cpus = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    const c = process.cpuUsage(); // this process, all threads (the wasm workers included)
    out = await snarkjs.groth16.prove(zkey, wtns);
    const e = Number(process.hrtime.bigint() - s) / 1e9;
    const d = process.cpuUsage(c);
    const cpu = (d.user + d.system) / 1e6;
    times.push(e);
    cpus.push(cpu);
    console.log(`snarkjs (library) prove run ${i + 1}: ${e.toFixed(3)} s (cpu ${cpu.toFixed(3)} s)`);
  }
  const median = (v) => {
    const x = v.slice().sort((a, b) => a - b);
    const n = x.length;
    return n % 2 === 1 ? x[(n - 1) / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
  };
  console.log(`snarkjs (library) prove best: ${Math.min(...times).toFixed(3)} s`);
  console.log(`snarkjs (library) prove median: ${median(times).toFixed(3)} s`);
  console.log(`snarkjs (library) prove median cpu: ${median(cpus).toFixed(3)} s`);
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
