#!/usr/bin/env bash
# Operator at scale, killed at random: TRIGGERS triggers that all cross in one feed round, ONE
# `./vnft operator` process on one journal, killed with SIGKILL at KILLS random moments and restarted
# each time; chain time is moved past the challenge window as it goes so batches finalize. Then every
# token is read back and its video regenerated, and the script prints
#
#   created / crossed / minted exactly once / duplicates / missing / wrong content / wall time /
#   gas per token (sum of gasUsed of the operator's transactions after the network was set up / tokens)
#   and the JSON-RPC requests of an idle operator pass with all TRIGGERS in the history
#
# Exit status 0 only if every crossed trigger was minted exactly once, to its recipient, at the
# crossing round, with the content the model regenerates.
#
# 1. starts a local network with `OperatorScale network` (anvil, contracts, the built-in model
#    registered at FORMAT, by default the model's own 64x64, 24 frames at 12 fps: a few tenths of a
#    second per video on 2 cores, so that the kills land while videos are made and batches sent;
#    operator account 1 bonded for every batch to be pending at once) and TRIGGERS triggers from 7
#    user accounts in parallel (fee 0.01 ETH each, thresholds 4000..4099), then the feed moves
#    3800 -> 4100 in one round;
# 2. runs `./vnft operator --max-batch 100 --max-wait 0 --interval 1` in the background and kills it
#    with SIGKILL after a random delay in [MIN_DELAY, MAX_DELAY] seconds (seeded by SEED), KILLS
#    times, moving chain time by 601 s (evm_increaseTime + evm_mine) before each restart;
# 3. lets the last process run until no trigger is open and no batch is pending (moving time every
#    few seconds), then stops it with SIGTERM;
# 4. `OperatorScale idle-rpc`: an in-process operator on a copy of the journal, through a counting
#    loopback proxy (FaultProxy at 0 % faults): requests of one idle pass;
# 5. `OperatorScale check`: every token read back, duplicates, missing, owner and round, the frames
#    root against the regenerated video, the operator's gas; and `./vnft verify` on VERIFY random tokens.
#
# Usage: benchmarks/operator-scale-kill.sh [TRIGGERS=1000] [KILLS=20]     (from anywhere)
#        SEED=n  MIN_DELAY=s  MAX_DELAY=s  FORMAT=WxHxFRAMESxFPS (default 64x64x24x12)  VERIFY=k  SKIP_BUILD=1
#        TIMEOUT=s  (the last phase gives up after this many seconds; default 120 + TRIGGERS)
# Work files (logs, journal, store, deployment) go to benchmarks/target/operator-scale/. Not part
# of `mvn verify`. Needs java 17+, mvn, curl; anvil as ./vnft finds it. The JVMs print
#   WARNING: Using incubator modules: jdk.incubator.vector
# once at start (expected; see the README).
set -euo pipefail

N="${1:-1000}"
KILLS="${2:-20}"
SEED="${SEED:-13}"
MIN_DELAY="${MIN_DELAY:-2}"
MAX_DELAY="${MAX_DELAY:-15}"
FORMAT="${FORMAT:-64x64x24x12}"
VERIFY="${VERIFY:-1}"
TIMEOUT="${TIMEOUT:-$((120 + N))}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/benchmarks/target/operator-scale"

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building examples (./vnft) and benchmarks (reactor build, nothing installed)"
  (cd "$ROOT" && mvn -B -q -o -DskipTests -DskipNpm=true -pl examples,benchmarks -am package)
fi
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"
HELPER=(java -Xmx2g -Dai.djl.offline=true -cp "$CP" io.vnft.benchmarks.OperatorScale)

rm -rf "$WORK"
mkdir -p "$WORK"
NET_PID=""
OP_PID=""
cleanup() {
  if [ -n "$OP_PID" ] && kill -0 "$OP_PID" 2>/dev/null; then kill -9 "$OP_PID" 2>/dev/null || true; fi
  if [ -n "$NET_PID" ] && kill -0 "$NET_PID" 2>/dev/null; then
    kill -TERM "$NET_PID" 2>/dev/null || true # its shutdown hook stops anvil
    wait "$NET_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

START=$(date +%s)
echo "== network: $N triggers, format $FORMAT (log: $WORK/network.log)"
"${HELPER[@]}" network "$WORK" "$N" "$FORMAT" > "$WORK/network.log" 2>&1 &
NET_PID=$!
for _ in $(seq 1 600); do
  if grep -q '^READY ' "$WORK/network.log" 2>/dev/null; then break; fi
  if ! kill -0 "$NET_PID" 2>/dev/null; then echo "FAIL: the network helper exited:"; tail -20 "$WORK/network.log"; exit 1; fi
  sleep 1
done
grep -q '^READY ' "$WORK/network.log" || { echo "FAIL: the network did not come up in 600 s"; exit 1; }
grep -E '^(pixel circuit|created|feed round)' "$WORK/network.log"
RPC="$(grep '^READY ' "$WORK/network.log" | awk '{print $2}')"
KEY="$(grep '^operatorKey=' "$WORK/scale.properties" | cut -d= -f2)"
READY=$(date +%s)

advance() { # chain time past the challenge window, and a block
  curl -s -X POST -H 'Content-Type: application/json' \
    --data '{"jsonrpc":"2.0","id":1,"method":"evm_increaseTime","params":[601]}' "$RPC" > /dev/null
  curl -s -X POST -H 'Content-Type: application/json' \
    --data '{"jsonrpc":"2.0","id":2,"method":"evm_mine","params":[]}' "$RPC" > /dev/null
}
start_operator() {
  VNFT_KEY="$KEY" "$ROOT/vnft" operator --deployment "$WORK/deployment.properties" --max-batch 100 --max-wait 0 \
    --interval 1 --device cpu >> "$WORK/operator.log" 2>&1 &
  OP_PID=$!
}

echo "== operator: $KILLS kills with SIGKILL at random delays in [$MIN_DELAY, $MAX_DELAY] s (seed $SEED; log: $WORK/operator.log)"
RANDOM=$SEED
DELAYS=()
BUSY=0 # kills that found work outstanding (fewer than TRIGGERS entries FINALIZED in the journal)
finalized() {
  local j
  j="$(ls "$WORK"/journal-*.txt 2>/dev/null | head -1 || true)"
  if [ -n "$j" ]; then grep -c '^FINALIZED ' "$j" || true; else echo 0; fi
}
ALL_DONE=""
done_yet() { # records when the journal first shows every trigger finalized
  if [ -z "$ALL_DONE" ] && [ "$(finalized)" -ge "$N" ]; then ALL_DONE=$(date +%s); fi
}
for k in $(seq 1 "$KILLS"); do
  d=$((MIN_DELAY + RANDOM % (MAX_DELAY - MIN_DELAY + 1)))
  DELAYS+=("$d")
  echo "---- start $k (kill after $d s)" >> "$WORK/operator.log"
  start_operator
  sleep "$d"
  if kill -0 "$OP_PID" 2>/dev/null; then
    kill -9 "$OP_PID"
    f=$(finalized)
    if [ "$f" -lt "$N" ]; then BUSY=$((BUSY + 1)); else done_yet; fi
    echo "---- SIGKILL $k after $d s ($f of $N finalized in the journal)" >> "$WORK/operator.log"
    wait "$OP_PID" 2>/dev/null || true
  else
    wait "$OP_PID" 2>/dev/null && rc=0 || rc=$?
    echo "WARNING: the operator had already exited (status $rc) before kill $k" | tee -a "$WORK/operator.log"
  fi
  OP_PID=""
  advance
done
echo "kill delays (s): ${DELAYS[*]}; $BUSY of $KILLS kills found work outstanding"
KILLED=$(date +%s)

echo "== last operator process: runs until nothing is open or pending (time moved every 5 s; gives up after $TIMEOUT s)"
echo "---- final start" >> "$WORK/operator.log"
start_operator
DONE=""
for _ in $(seq 1 $((TIMEOUT / 5))); do
  sleep 5
  advance
  # Progress from the operator's own journal: every entry FINALIZED and as many entries as triggers.
  if [ "$(finalized)" -ge "$N" ]; then DONE=1; done_yet; break; fi
done
kill -TERM "$OP_PID" 2>/dev/null || true
wait "$OP_PID" 2>/dev/null || true
OP_PID=""
END=$(date +%s)
[ -n "$DONE" ] || echo "WARNING: not every trigger reached FINALIZED in the journal within $TIMEOUT s"

echo "== idle operator pass, counted at the HTTP level ($N triggers in the history)"
"${HELPER[@]}" idle-rpc "$WORK" 3 2>&1 | grep -E 'pass|operator over|per method|IDLE_RPC'

echo "== check: every token read back and regenerated"
set +e
"${HELPER[@]}" check "$WORK" 2>&1 | grep -vE ' INFO |CudaUtils|WARNING: Using incubator' | tee "$WORK/check.log"
CHECK=${PIPESTATUS[0]}
set -e
VERIFIED=0
TOKENS=$(grep '^tokens ' "$WORK/check.log" | awk '{print $2}')
if [ "${TOKENS:-0}" -gt 0 ] && [ "$VERIFY" -gt 0 ]; then
  for _ in $(seq 1 "$VERIFY"); do
    t=$((1 + RANDOM % TOKENS))
    if "$ROOT/vnft" verify --token "$t" --deployment "$WORK/deployment.properties" > "$WORK/verify-$t.log" 2>&1; then
      echo "vnft verify --token $t: PASS"; VERIFIED=$((VERIFIED + 1))
    else
      echo "vnft verify --token $t: FAIL (see $WORK/verify-$t.log)"; CHECK=1
    fi
  done
fi

echo "== summary"
echo "triggers $N, kills $KILLS (SIGKILL; $BUSY with work outstanding), format $FORMAT"
echo "operator: $(grep -c 'committed: ' "$WORK/operator.log" || true) batch commits, $(grep -c ' finalized: ' "$WORK/operator.log" || true) finalizations logged; $(grep -c 'pass failed' "$WORK/operator.log" || true) failed passes logged"
if [ -n "$ALL_DONE" ]; then
  echo "all $N triggers FINALIZED in the journal at most $((ALL_DONE - READY)) s after the operator first started (checked at each kill and every 5 s)"
fi
echo "wall: network + triggers $((READY - START)) s, operator (kills + last run) $((END - READY)) s (kill phase $((KILLED - READY)) s), total $((END - START)) s"
grep -E '^(created|crossed|tokens|minted exactly once|duplicates|missing|wrong content|wrong owner|operator transactions|CHECK)' "$WORK/check.log"
exit "$CHECK"
