#!/usr/bin/env bash
# Side-by-side Groth16 prove: snarkjs 0.7.6 (and rapidsnark, when given) vs vnft-zk, same .zkey,
# same witness, two honest comparisons:
#
#   cold: one proof per process, reading the key and witness from disk inside that process, whole
#         process wall time (snarkjs CLI `groth16 prove`; a fresh JVM running CompareSnarkjs prove
#         with 1 run; rapidsnark's `prover` CLI). Best of COLD_RUNS processes each.
#   warm: one long-lived process per prover, key and witness read once, RUNS proofs: best and median
#         (snarkjs used as a library from Node, benchmarks/snarkjs-warm.cjs; one JVM; rapidsnark's
#         library called in a loop, benchmarks/rapidsnark-warm.cpp). vnft-zk runs warm twice: with
#         the Vector API batch adder (the default when jdk.incubator.vector is present) and with the
#         scalar path (-Dvnft.zk.vector=false), so the lanes' share is visible.
#
# 1. builds a chain of N Poseidon(2) hashes with circom2 (--O2, ~237 constraints per hash;
#    N=276 gives 65,412 constraints, a 2^16 domain) and computes the witness with snarkjs;
# 2. makes the .zkey with vnft-zk's single-party setup (a 2^16 snarkjs ceremony's phase-2
#    preparation takes ~21 min on a 2-core machine; the file format is snarkjs' own);
# 3. runs the cold and warm provers above;
# 4. verifies the proofs of every prover with both snarkjs and vnft-zk; prints the table and ratios.
#
# Usage: benchmarks/compare-snarkjs.sh [N_HASHES] [RUNS]     (from anywhere; needs node, java 17+, mvn, bc)
#        REUSE_ZKEY=1 keeps a .zkey from an earlier run (skips the Java setup).
#        COLD_RUNS=k  cold processes per prover (default 2; the best is reported).
#        JAVA=/path/to/bin/java  the JVM for vnft-zk (default: java on PATH; 17 or later).
#        RAPIDSNARK_DIR=dir  a rapidsnark source tree built with cmake into dir/build_prover (its
#          `prover` at build_prover/src/prover and the static libraries beside it): adds the
#          rapidsnark column. Not vendored here; see docs/groth16.md for how it was built.
# The JVM runs with --add-modules jdk.incubator.vector, which makes it print
#   WARNING: Using incubator modules: jdk.incubator.vector
# on stderr once at start (expected: the Vector API is still incubating in Java 17..25).
# Work files go to vnft-zk/target/compare-snarkjs/ (nothing in the source tree). Not part of
# `mvn verify`. Timings are of this machine at this moment: other load makes them noisy.
set -euo pipefail

N="${1:-276}"
RUNS="${2:-5}"
COLD_RUNS="${COLD_RUNS:-2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ZK="$ROOT/vnft-zk"
WORK_REL="target/compare-snarkjs"
WORK="$ZK/$WORK_REL"
SNARKJS_DIR="$ZK/node_modules/snarkjs"
SNARKJS=(node "$SNARKJS_DIR/build/cli.cjs")

if [ ! -f "$SNARKJS_DIR/build/cli.cjs" ] || [ ! -f "$ZK/node_modules/circom2/cli.js" ]; then
  echo "FAIL: snarkjs/circom2 missing under $ZK/node_modules: run 'npm ci' in vnft-zk" >&2
  exit 1
fi

echo "== building vnft-zk and the benchmarks module"
(cd "$ROOT" && mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks -am package)
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"
JAVA_BIN="${JAVA:-java}"
JAVA=("$JAVA_BIN" -Xmx6g --add-modules jdk.incubator.vector -cp "$CP" io.vnft.benchmarks.CompareSnarkjs)
JAVA_SCALAR=("$JAVA_BIN" -Xmx6g -Dvnft.zk.vector=false -cp "$CP" io.vnft.benchmarks.CompareSnarkjs)

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
Z="$WORK/chain$N.zkey"
W="$WORK/chain$N.wtns"

RS_PROVER=""
if [ -n "${RAPIDSNARK_DIR:-}" ]; then
  RS_BUILD="$RAPIDSNARK_DIR/build_prover/src"
  if [ -x "$RS_BUILD/prover" ]; then
    RS_PROVER="$RS_BUILD/prover"
    g++ -O2 -fopenmp -o "$WORK/rapidsnark-warm" "$ROOT/benchmarks/rapidsnark-warm.cpp" -I "$RAPIDSNARK_DIR/src" \
      -L "$RS_BUILD" -lrapidsnark -lfr -lfq -lgmp -lpthread 2>/dev/null
  else
    echo "RAPIDSNARK_DIR=$RAPIDSNARK_DIR has no build_prover/src/prover: no rapidsnark column" >&2
  fi
fi

# one command (output to a log): prints "wall cpu" seconds (cpu = user + system, all threads)
measure() {
  local log="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$log.time" "$@" > "$log" 2>&1 \
    || { echo "FAIL: $* (see $log)" >&2; tail -5 "$log" >&2; exit 1; }
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$log.time"
}
# COLD_RUNS processes: prints the smallest wall time and the smallest CPU time
cold() {
  local name="$1"; shift
  local bw="" bc="" w c
  for i in $(seq 1 "$COLD_RUNS"); do
    read -r w c < <(measure "$WORK/cold-$name-$i.log" "$@")
    printf "  %s cold process %d: %.3f s wall, %.3f s cpu\n" "$name" "$i" "$w" "$c" >&2
    if [ -z "$bw" ] || [ "$(echo "$w < $bw" | bc -l)" = 1 ]; then bw="$w"; fi
    if [ -z "$bc" ] || [ "$(echo "$c < $bc" | bc -l)" = 1 ]; then bc="$c"; fi
  done
  echo "$bw $bc"
}
field() { grep "$2" "$1" | sed -E 's/.*: ([0-9.]+) s/\1/'; }

echo "== cold: one proof per process, key and witness read in the process ($COLD_RUNS processes each)"
read -r SNARK_COLD SNARK_COLD_CPU < <(cold snarkjs "${SNARKJS[@]}" groth16 prove "$Z" "$W" "$WORK/snarkjs-proof.json" "$WORK/snarkjs-public.json")
read -r VNFT_COLD VNFT_COLD_CPU < <(cold vnft "${JAVA[@]}" prove "$Z" "$W" "$WORK/vnft-cold-proof.json" "$WORK/vnft-cold-public.json" 1)
if [ -n "$RS_PROVER" ]; then
  read -r RS_COLD RS_COLD_CPU < <(cold rapidsnark "$RS_PROVER" "$Z" "$W" "$WORK/rapidsnark-proof.json" "$WORK/rapidsnark-public.json")
  [ -n "$RS_COLD" ] || exit 1
fi
[ -n "$SNARK_COLD" ] && [ -n "$VNFT_COLD" ] || exit 1

echo "== warm: $RUNS proofs in one process each, key and witness read once"
node "$ROOT/benchmarks/snarkjs-warm.cjs" "$SNARKJS_DIR" "$Z" "$W" "$WORK/snarkjs-warm-proof.json" "$WORK/snarkjs-warm-public.json" "$RUNS" \
  | tee "$WORK/snarkjs-warm.log"
"${JAVA[@]}" prove "$Z" "$W" "$WORK/vnft-proof.json" "$WORK/vnft-public.json" "$RUNS" 2>&1 | grep -v '^WARNING: Using incubator' \
  | tee "$WORK/vnft-prove.log"
"${JAVA_SCALAR[@]}" prove "$Z" "$W" "$WORK/vnft-scalar-proof.json" "$WORK/vnft-scalar-public.json" "$RUNS" \
  | tee "$WORK/vnft-scalar-prove.log"
if [ -n "$RS_PROVER" ]; then
  "$WORK/rapidsnark-warm" "$Z" "$W" "$WORK/rapidsnark-warm-proof.json" "$WORK/rapidsnark-warm-public.json" "$RUNS" \
    | tee "$WORK/rapidsnark-warm.log"
fi

echo "== cross-verification"
check_snarkjs() { # vk public proof label
  "${SNARKJS[@]}" groth16 verify "$WORK/vk.json" "$WORK/$1" "$WORK/$2" | grep -q "OK" \
    && echo "snarkjs verifies the $3 proof: OK" || { echo "FAIL: snarkjs rejects the $3 proof"; exit 1; }
}
check_vnft() {
  "${JAVA[@]}" verify "$WORK/vk.json" "$WORK/$1" "$WORK/$2" 2>&1 | grep -v '^WARNING: Using incubator' | sed "s/\$/ ($3 proof)/"
}
check_snarkjs vnft-public.json vnft-proof.json "vnft-zk (vector)"
check_snarkjs vnft-scalar-public.json vnft-scalar-proof.json "vnft-zk (scalar)"
check_snarkjs snarkjs-public.json snarkjs-proof.json "snarkjs"
check_vnft snarkjs-public.json snarkjs-proof.json "snarkjs"
check_vnft snarkjs-warm-public.json snarkjs-warm-proof.json "snarkjs library"
check_vnft vnft-public.json vnft-proof.json "vnft-zk"
if [ -n "$RS_PROVER" ]; then
  check_snarkjs rapidsnark-public.json rapidsnark-proof.json "rapidsnark"
  check_vnft rapidsnark-warm-public.json rapidsnark-warm-proof.json "rapidsnark library"
fi

warm3() { # log -> best median median-cpu
  echo "$(field "$1" "prove best:") $(field "$1" "prove median:") $(field "$1" "prove median cpu:")"
}
read -r SW_BEST SW_MED SW_CPU <<< "$(warm3 "$WORK/snarkjs-warm.log")"
read -r VW_BEST VW_MED VW_CPU <<< "$(warm3 "$WORK/vnft-prove.log")"
read -r VS_BEST VS_MED VS_CPU <<< "$(warm3 "$WORK/vnft-scalar-prove.log")"
ADDER=$(grep "batch adder" "$WORK/vnft-prove.log" | sed -E 's/.*adder: ([^,]+),.*/\1/')

echo "== result: $N Poseidon hashes, $(nproc) cores, RUNS=$RUNS, COLD_RUNS=$COLD_RUNS"
printf "%-26s %10s %10s | %10s %10s %10s\n" "prover" "cold wall" "cold cpu" "warm best" "warm med" "med cpu"
row() { printf "%-26s %10s %10s | %10s %10s %10s\n" "$@"; }
row "snarkjs 0.7.6" "$SNARK_COLD" "$SNARK_COLD_CPU" "$SW_BEST" "$SW_MED" "$SW_CPU"
if [ -n "$RS_PROVER" ]; then
  read -r RW_BEST RW_MED RW_CPU <<< "$(warm3 "$WORK/rapidsnark-warm.log")"
  row "rapidsnark" "$RS_COLD" "$RS_COLD_CPU" "$RW_BEST" "$RW_MED" "$RW_CPU"
else
  row "rapidsnark" "not built" "-" "-" "-" "-"
fi
row "vnft-zk ($ADDER)" "$VNFT_COLD" "$VNFT_COLD_CPU" "$VW_BEST" "$VW_MED" "$VW_CPU"
row "vnft-zk (scalar)" "-" "-" "$VS_BEST" "$VS_MED" "$VS_CPU"
ratio() { echo "$1 / $2" | bc -l | xargs printf "%.2fx"; }
echo "(seconds; cpu = user + system of the whole process, all threads; warm: $RUNS proofs per process)"
echo "snarkjs / vnft-zk:    cold wall $(ratio "$SNARK_COLD" "$VNFT_COLD"), cold cpu $(ratio "$SNARK_COLD_CPU" "$VNFT_COLD_CPU"); warm best $(ratio "$SW_BEST" "$VW_BEST"), warm median $(ratio "$SW_MED" "$VW_MED"), warm median cpu $(ratio "$SW_CPU" "$VW_CPU")"
if [ -n "$RS_PROVER" ]; then
  echo "rapidsnark / vnft-zk: cold wall $(ratio "$RS_COLD" "$VNFT_COLD"), cold cpu $(ratio "$RS_COLD_CPU" "$VNFT_COLD_CPU"); warm best $(ratio "$RW_BEST" "$VW_BEST"), warm median $(ratio "$RW_MED" "$VW_MED"), warm median cpu $(ratio "$RW_CPU" "$VW_CPU")   (below 1x: rapidsnark is faster)"
fi
echo "vnft-zk scalar / vector: warm median $(ratio "$VS_MED" "$VW_MED"), warm median cpu $(ratio "$VS_CPU" "$VW_CPU")"
uptime | sed 's/^/load: /'
