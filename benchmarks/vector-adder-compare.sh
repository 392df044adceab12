#!/usr/bin/env bash
# Scalar vs Vector API batch adders (vnft-zk's MSM hot loop) in one JVM, interleaved rounds:
# Fp multiplication, one batched affine G1 addition, a G1 MSM of 2^LOG_N and a G2 MSM of
# 2^(LOG_N-2) points on one thread; minimum per-thread CPU time. See
# benchmarks/src/main/java/io/vnft/benchmarks/VectorAdderCompare.java.
#
# Usage: benchmarks/vector-adder-compare.sh [LOG_N] [ROUNDS]   (default 16 5; JAVA=... picks the JDK)
# Prints "WARNING: Using incubator modules: jdk.incubator.vector" once (expected).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
(cd "$ROOT" && mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks -am package)
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"
exec "${JAVA:-java}" -Xmx3g --add-modules jdk.incubator.vector -cp "$CP" io.vnft.benchmarks.VectorAdderCompare "${1:-16}" "${2:-5}"
