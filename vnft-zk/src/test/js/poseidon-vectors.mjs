// Independent Poseidon reference for vnft-zk's tests: reads a JSON array of input vectors
// (each an array of decimal strings) on stdin and prints, as JSON, for each vector the circomlibjs
// 0.1.7 Poseidon hash computed twice, by buildPoseidon() (the wasm implementation everyone uses)
// and by buildPoseidonReference() (the plain reference): [[wasm, reference], ...] as decimal strings.
import { buildPoseidon, buildPoseidonReference } from "circomlibjs";

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const vectors = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const fast = await buildPoseidon();
const ref = await buildPoseidonReference();
const out = vectors.map((v) => {
  const ins = v.map((s) => BigInt(s));
  return [fast.F.toString(fast(ins), 10), ref.F.toString(ref(ins), 10)];
});
process.stdout.write(JSON.stringify(out));
