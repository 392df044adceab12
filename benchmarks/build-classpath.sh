#!/usr/bin/env bash
# Builds the benchmarks module (a reactor build, nothing installed; skipped when SKIP_BUILD=1) and
# prints its runtime classpath; the report scripts (gan-quality.sh, gan-code-ceiling.sh) run their
# tools with it. The reactor build runs npm ci in vnft-zk, vnft-gpu and vnft-chain; once their
# node_modules exist, that is skipped.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${SKIP_BUILD:-}" ]; then
  NPM=()
  if [ -d "$ROOT/vnft-zk/node_modules" ] && [ -d "$ROOT/vnft-gpu/node_modules" ] && [ -d "$ROOT/vnft-chain/node_modules" ]; then
    NPM=(-DskipNpm=true)
  fi
  echo "== building the benchmarks module (reactor build, nothing installed)" >&2
  (cd "$ROOT" && mvn -B -q -DskipTests -Dmaven.javadoc.skip=true "${NPM[@]}" -pl benchmarks -am package) >&2
fi
echo "$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"
