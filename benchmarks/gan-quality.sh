#!/usr/bin/env bash
# The measured-quality report of vnft-gan-1 (io.vnft.benchmarks.gan.GanQualityReport): every held-out
# prompt of vnft-gpu/training/heldout-prompts.tsv is rendered by the model (frame 0, and the last
# frame of a morph, of a 64x64x24 video; seed of prompt i = Poseidon(i, 0)) and the frame's
# 16x16 thumbnail is ranked against the thumbnails of all training images (composited on the
# video's background colour; score = -MSE). Prints and writes top-1/top-5 retrieval rates (one-
# concept prompts, morph first frames vs A, morph last frames vs B, overall; chance 1/N and 5/N),
# seed diversity (20 prompts x 4 seeds) and every prompt's rank, to OUT_DIR/report.md and
# OUT_DIR/report.json. Prompts that break the held-out rules (a training text, a word the training
# texts lack, ...) are refused before anything renders: exit status 2, naming the line.
#
# Usage: benchmarks/gan-quality.sh CONCEPTS.tsv PROMPTS.tsv OUT_DIR [WEIGHTS|builtin]
#            [--baseline WEIGHTS|builtin] [--threads N] [--generator NAME [--batch N]]
#   CONCEPTS.tsv  from the training data: cd vnft-gpu/training && npm ci && node prepare.js /tmp/gan-data/concepts.tsv
#   WEIGHTS       a vnft-gan-1 weights file (default: the built-in one)
#   --baseline    also measure these weights and add their rows (the untrained placeholder, e.g.
#                 git show a1e34cb:vnft-gpu/src/main/resources/io/vnft/gpu/model/vnft-gan-1.weights > placeholder.weights)
#   --threads     ReferenceGan renders on this many threads (default 2)
#   --generator   render with the VideoGeneratorProvider of this name instead (whole videos, --batch per
#                 call, default 16); it must run the same weights
# Example (about 2 min on 2 cores with ReferenceGan; twice that with --baseline):
#   benchmarks/gan-quality.sh /tmp/gan-data/concepts.tsv vnft-gpu/training/heldout-prompts.tsv /tmp/gan-quality
# SKIP_BUILD=1 skips the build. JAVA_OPTS adds JVM options (default -Xmx2g). Not part of `mvn verify`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$#" -lt 3 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 64
fi
if [ ! -f "$1" ]; then
  echo "FAIL: no concepts TSV at $1; make it with: (cd $ROOT/vnft-gpu/training && npm ci && node prepare.js $1)" >&2
  exit 1
fi
CP="$("$ROOT/benchmarks/build-classpath.sh")"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx2g} -Dai.djl.offline=true "-Dvnft.report.command=benchmarks/gan-quality.sh $*" \
  -cp "$CP" io.vnft.benchmarks.gan.GanQualityReport "$@"
