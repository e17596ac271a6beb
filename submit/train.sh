#!/usr/bin/env bash
# One training run on this machine: submit/train.sh [trainer options] (see --help).
set -euo pipefail
source "$(dirname "$0")/env.sh"
build_core
exec java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.train.TrainCli "$@"
