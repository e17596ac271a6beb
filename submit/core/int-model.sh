#!/usr/bin/env bash
# Integer-only models on this machine: submit/core/int-model.sh export-int --run DIR [--parity] | predict --model FILE;
# submit/core/int-model.sh --help lists the options.
set -euo pipefail
# without arguments: print the header above as usage, exit 2
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/../env.sh"
build_core
exec java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.cli.Cli int-model "$@"
