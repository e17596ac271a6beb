#!/usr/bin/env bash
# Converts MNIST / Fashion-MNIST (IDX) into N-MNIST-format event files with the DVS-style converter, e.g.
#   submit/core/convert-nmnist.sh --dataset mnist --out data/nmnist-dvs --train-limit 6000 --test-limit 1000
# then: submit/core/train.sh --dataset nmnist --data-dir data/nmnist-dvs --network vgg-snn --width 16 --frames 8
set -euo pipefail
# without arguments: print the header above as usage, exit 2
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/../env.sh"
build_core
exec java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.cli.Cli convert-nmnist "$@"
