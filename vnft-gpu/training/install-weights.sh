#!/usr/bin/env bash
# Ships a trained vnft-gan-1 weights file: copies it to vnft-gpu's resources and pins its SHA-256 in
# GanWeights.BUILT_IN_SHA256 (the model's on-chain weightsHash). Usage: install-weights.sh FILE.weights
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
src="${1:?usage: install-weights.sh FILE.weights}"
head -c 8 "$src" | grep -q '^VNFTGAN1$' || { echo "install-weights.sh: $src is not a vnft-gan-1 weights file" >&2; exit 2; }
sha="0x$(sha256sum "$src" | cut -c1-64)"
cp "$src" "$root/vnft-gpu/src/main/resources/io/vnft/gpu/model/vnft-gan-1.weights"
java_file="$root/vnft-gpu/src/main/java/io/vnft/gpu/model/GanWeights.java"
sed -i -E "s/\"0x[0-9a-f]{64}\";/\"$sha\";/" "$java_file"
grep -q "$sha" "$java_file"
echo "installed $src ($(stat -c %s "$src") bytes), SHA-256 $sha"
