#!/usr/bin/env bash
# Per-layer quantizer state of run checkpoints (step sizes, weight rms, raw bit widths): submit/inspect.sh runs/a ...
set -euo pipefail
source "$(dirname "$0")/env.sh"
build_core
exec java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.train.CheckpointInspector "$@"
