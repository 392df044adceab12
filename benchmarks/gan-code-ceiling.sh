#!/usr/bin/env bash
# The ceiling a conditioning layout puts on vnft-gan-1's retrieval (io.vnft.benchmarks.gan.GanCodeCeiling):
# the dataset's 16x16 thumbnails coded by their first k principal components, each coefficient quantised
# to b bits, decoded and ranked against all dataset images by the quality report's similarity. Prints
# top-1/top-5 per code. vnft-gan-1 carries 120 bits per concept (40 values of 3 bits).
#
# Usage: benchmarks/gan-code-ceiling.sh CONCEPTS.tsv [k:bits ...]   (default 15:8 20:6 24:5 30:4 40:3 60:2)
#   CONCEPTS.tsv  from the training data: cd vnft-gpu/training && npm ci && node prepare.js /tmp/gan-data/concepts.tsv
# About 1 min on 2 cores. SKIP_BUILD=1 skips the build. Not part of `mvn verify`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$#" -lt 1 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 64
fi
if [ ! -f "$1" ]; then
  echo "FAIL: no concepts TSV at $1; make it with: (cd $ROOT/vnft-gpu/training && npm ci && node prepare.js $1)" >&2
  exit 1
fi
CP="$("$ROOT/benchmarks/build-classpath.sh")"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx2g} -cp "$CP" io.vnft.benchmarks.gan.GanCodeCeiling "$@"
