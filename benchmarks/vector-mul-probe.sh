#!/usr/bin/env bash
# Probe (not part of `mvn verify`): BN254 Fp Montgomery multiplication with Java 17's incubating
# Vector API (4 lanes, FMA-split products) next to vnft-zk's scalar FpOps.mul on the same loop.
# Checks every vector product against BigInteger first. See benchmarks/probes/VectorMulProbe.java.
#
# Usage: benchmarks/vector-mul-probe.sh      (from anywhere; needs java 17 and mvn)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
(cd "$ROOT" && mvn -B -q -DskipTests -DskipNpm=true -pl vnft-zk -am package)
CP="$ROOT/vnft-zk/target/vnft-zk-0.1.0-SNAPSHOT.jar:$ROOT/vnft-api/target/vnft-api-0.1.0-SNAPSHOT.jar"
exec java --add-modules jdk.incubator.vector -cp "$CP" "$ROOT/benchmarks/probes/VectorMulProbe.java"
