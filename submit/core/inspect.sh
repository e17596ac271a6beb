#!/usr/bin/env bash
# Per-layer quantizer state of run checkpoints (step sizes, weight rms, raw bit widths): submit/core/inspect.sh runs/a ...
set -euo pipefail
# without arguments: print the header above as usage, exit 2
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/../env.sh"
build_core
exec java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.cli.Cli inspect "$@"
