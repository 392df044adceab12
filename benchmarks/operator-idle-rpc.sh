#!/usr/bin/env bash
# JSON-RPC requests of one IDLE operator pass (Operator.tick() with nothing to do), counted at the
# HTTP level by a loopback proxy in front of anvil (io.vnft.chain.testing.FaultProxy at 0 % faults),
# with SMALL and with LARGE triggers in the operator's history. The design goal: constant, not
# growing with the history (the event index is read incrementally, feeds once per pass).
#
# `OperatorScale idle-rpc-fresh` starts its own network (format FORMAT, default 16x16x4x4), then:
#   1. SMALL triggers crossing in one round, minted by the in-process operator -> one idle pass counted;
#   2. more up to LARGE, crossing in a later round, minted -> counted again;
#   3. LARGE more triggers that never cross (open, scanned once) -> counted again (one feed more read).
# Exit status 1 if the counts of 1 and 2 differ.
#
# Usage: benchmarks/operator-idle-rpc.sh [SMALL=10] [LARGE=1000]     (from anywhere; SKIP_BUILD=1 skips mvn)
# Not part of `mvn verify`. Minting LARGE tokens takes a few minutes on 2 cores (the idle pass itself
# is milliseconds); OperatorIdlePassTest checks 10 vs 100 in the default suite.
set -euo pipefail
SMALL="${1:-10}"
LARGE="${2:-1000}"
FORMAT="${FORMAT:-16x16x4x4}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${SKIP_BUILD:-}" ]; then
  (cd "$ROOT" && mvn -B -q -o -DskipTests -DskipNpm=true -pl examples,benchmarks -am package)
fi
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"
OUT="$(mktemp)"
java -Xmx2g -Dai.djl.offline=true -cp "$CP" io.vnft.benchmarks.OperatorScale idle-rpc-fresh "$SMALL" "$LARGE" "$FORMAT" 2>&1 \
  | grep -vE ' INFO |CudaUtils' | tee "$OUT"
a=$(grep "^IDLE_RPC $SMALL minted, 0 open:" "$OUT" | awk -F': ' '{print $2}' | awk '{print $1}')
b=$(grep "^IDLE_RPC $LARGE minted, 0 open:" "$OUT" | awk -F': ' '{print $2}' | awk '{print $1}')
rm -f "$OUT"
echo "idle pass: $a requests with $SMALL triggers in the history, $b with $LARGE"
[ -n "$a" ] && [ "$a" = "$b" ]
