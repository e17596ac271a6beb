#!/usr/bin/env bash
# One training run on this machine: submit/core/train.sh [trainer options]; submit/core/train.sh --help lists them.
set -euo pipefail
# without arguments: print the header above as usage, exit 2
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/../env.sh"
build_core
exec java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.cli.Cli train "$@"
