#!/usr/bin/env bash
# Training-step benchmark of ResNet-20 width 16 (3x32x32, batch 64, init 4/4/2, all learnable).
# Runs under a 4 GiB budget (1 GiB heap + 3 GiB off-heap) to show the model fits. Last line: "images/s: N".
set -euo pipefail
source "$(dirname "$0")/../env.sh"
build_core
HEAP=${HEAP:-1g}
JAVA_FLAGS+=(-Xmx"$HEAP" -Dorg.bytedeco.javacpp.maxbytes=3G -Dorg.bytedeco.javacpp.maxphysicalbytes=4G)
exec java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.cli.Cli bench "$@"
