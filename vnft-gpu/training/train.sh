#!/usr/bin/env bash
# Trains vnft-gan-1 from scratch, seeded, on the CPU (DJL + PyTorch), and writes the weights file and
# the training report. One command, from the repository root or anywhere:
#   vnft-gpu/training/train.sh [OUT_DIR] [extra GanTrainer options, e.g. --steps 6000 --seed 20261203]
# Installs the pinned training data (npm ci: emoji-datasource-google@16.0.0, emojilib@4.0.3), builds
# vnft-gpu, runs io.vnft.gpu.training.GanTrainer. To ship the result, copy OUT_DIR/vnft-gan-1.weights to
# vnft-gpu/src/main/resources/io/vnft/gpu/model/ and put its SHA-256 in GanWeights.BUILT_IN_SHA256.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$(realpath -m "${1:-$root/vnft-gpu/target/gan-training}")"
shift || true
mkdir -p "$out"
(cd "$here" && npm ci --no-audit --no-fund --prefer-offline >&2)
node "$here/prepare.js" "$out/concepts.tsv"
# one reactor run: compile vnft-api, vnft-zk, vnft-gpu; the last module written is vnft-gpu's classpath
(cd "$root" && mvn -B -q -pl vnft-gpu -am compile dependency:build-classpath -DskipNpm=true \
  -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=runtime) >&2
# one intra-op thread by default: reproducible (the reduction order depends on the thread count) and, on a
# shared 2-core machine, 3.6x faster than two spinning OpenMP threads (measured: 37 s vs 133 s per 100 steps)
threads="${VNFT_TRAIN_THREADS:-1}"
exec java -Xmx6g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$root/vnft-gpu/target/classes:$(cat "$out/classpath.txt")" \
  io.vnft.gpu.training.GanTrainer --concepts "$out/concepts.tsv" --out "$out" "$@"
