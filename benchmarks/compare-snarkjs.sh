#!/usr/bin/env bash
# Side-by-side Groth16 prove: snarkjs 0.7.6 vs vnft-zk, same .zkey, same witness.
#
# 1. builds a chain of N Poseidon(2) hashes with circom2 (--O2, ~237 constraints per hash;
#    N=276 gives 65,412 constraints, a 2^16 domain) and computes the witness with snarkjs;
# 2. makes the .zkey with vnft-zk's single-party setup (a 2^16 snarkjs ceremony's phase-2
#    preparation takes ~21 min on a 2-core machine; the file format is snarkjs' own);
# 3. proves with `snarkjs groth16 prove` (timed, whole process) and with vnft-zk (same files; the
#    JVM reads the key once, proves RUNS times and reports each run and the best);
# 4. verifies each proof with both snarkjs and vnft-zk; prints both times and the ratio.
#
# Usage: benchmarks/compare-snarkjs.sh [N_HASHES] [RUNS]     (from anywhere; needs node, java, mvn, bc)
#        REUSE_ZKEY=1 keeps a .zkey from an earlier run (skips the Java setup).
# Work files go to vnft-zk/target/compare-snarkjs/ (nothing in the source tree). Not part of
# `mvn verify`. Timings are of this machine at this moment: other load makes them noisy.
set -euo pipefail

N="${1:-276}"
RUNS="${2:-5}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ZK="$ROOT/vnft-zk"
WORK_REL="target/compare-snarkjs"
WORK="$ZK/$WORK_REL"
SNARKJS=(node "$ZK/node_modules/snarkjs/build/cli.cjs")

if [ ! -f "$ZK/node_modules/snarkjs/build/cli.cjs" ] || [ ! -f "$ZK/node_modules/circom2/cli.js" ]; then
  echo "FAIL: snarkjs/circom2 missing under $ZK/node_modules: run 'npm ci' in vnft-zk" >&2
  exit 1
fi

echo "== building vnft-zk and the benchmarks module"
(cd "$ROOT" && mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks -am package)
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"
JAVA=(java -Xmx6g -cp "$CP" io.vnft.benchmarks.CompareSnarkjs)

mkdir -p "$WORK"
cd "$ZK" # circom2 (WASI) resolves paths relative to the working directory
if [ ! -f "$WORK/chain$N.r1cs" ]; then
  cat > "$WORK/chain$N.circom" <<CIRCOM
pragma circom 2.0.0;
include "../../src/test/resources/circom/poseidon_chain_template.circom";
component main = PoseidonChain($N);
CIRCOM
  echo "== compiling a chain of $N Poseidon(2) hashes with circom2 --O2"
  node node_modules/circom2/cli.js "$WORK_REL/chain$N.circom" --r1cs --wasm --O2 -l node_modules -o "$WORK_REL" >/dev/null
fi
"${SNARKJS[@]}" r1cs info "$WORK/chain$N.r1cs" | grep -E "Constraints|Wires" || true
echo '{"in": "1234567"}' > "$WORK/input.json"
"${SNARKJS[@]}" wtns calculate "$WORK/chain${N}_js/chain$N.wasm" "$WORK/input.json" "$WORK/chain$N.wtns"

if [ -n "${REUSE_ZKEY:-}" ] && [ -f "$WORK/chain$N.zkey" ] && [ -f "$WORK/vk.json" ]; then
  echo "== reusing $WORK/chain$N.zkey (REUSE_ZKEY set)"
else
  echo "== vnft-zk setup (single-party, dev only) -> .zkey in snarkjs format"
  "${JAVA[@]}" setup "$WORK/chain$N.r1cs" "$WORK/chain$N.zkey" "$WORK/vk.json"
fi

echo "== snarkjs groth16 prove"
S0=$(date +%s.%N)
"${SNARKJS[@]}" groth16 prove "$WORK/chain$N.zkey" "$WORK/chain$N.wtns" "$WORK/snarkjs-proof.json" "$WORK/snarkjs-public.json"
S1=$(date +%s.%N)
SNARK_T=$(echo "$S1 - $S0" | bc -l)
printf "snarkjs prove (whole process): %.3f s\n" "$SNARK_T"

echo "== vnft-zk prove ($RUNS runs, same .zkey and .wtns)"
J0=$(date +%s.%N)
"${JAVA[@]}" prove "$WORK/chain$N.zkey" "$WORK/chain$N.wtns" "$WORK/vnft-proof.json" "$WORK/vnft-public.json" "$RUNS" | tee "$WORK/vnft-prove.log"
J1=$(date +%s.%N)
JAVA_BEST=$(grep "prove best" "$WORK/vnft-prove.log" | sed -E 's/.*: ([0-9.]+) s/\1/')
JAVA_FIRST=$(grep "prove run 1:" "$WORK/vnft-prove.log" | sed -E 's/.*: ([0-9.]+) s/\1/')

echo "== cross-verification"
"${SNARKJS[@]}" groth16 verify "$WORK/vk.json" "$WORK/vnft-public.json" "$WORK/vnft-proof.json" | grep -q "OK" \
  && echo "snarkjs verifies the vnft-zk proof: OK" || { echo "FAIL: snarkjs rejects the vnft-zk proof"; exit 1; }
"${JAVA[@]}" verify "$WORK/vk.json" "$WORK/snarkjs-public.json" "$WORK/snarkjs-proof.json"
"${JAVA[@]}" verify "$WORK/vk.json" "$WORK/vnft-public.json" "$WORK/vnft-proof.json"
"${SNARKJS[@]}" groth16 verify "$WORK/vk.json" "$WORK/snarkjs-public.json" "$WORK/snarkjs-proof.json" | grep -q "OK" \
  && echo "snarkjs verifies the snarkjs proof: OK" || { echo "FAIL: snarkjs rejects its own proof"; exit 1; }

echo "== result"
printf "snarkjs prove:                 %8.3f s\n" "$SNARK_T"
printf "vnft-zk prove (first run):     %8.3f s\n" "$JAVA_FIRST"
printf "vnft-zk prove (best of %d):     %8.3f s\n" "$RUNS" "$JAVA_BEST"
printf "ratio snarkjs / vnft-zk(best): %8.2f x\n" "$(echo "$SNARK_T / $JAVA_BEST" | bc -l)"
printf "ratio snarkjs / vnft-zk(first):%8.2f x\n" "$(echo "$SNARK_T / $JAVA_FIRST" | bc -l)"
printf "vnft-zk whole JVM process (start, read key, %d proofs): %.3f s\n" "$RUNS" "$(echo "$J1 - $J0" | bc -l)"
uptime | sed 's/^/load: /'
