#!/usr/bin/env bash
# The README's main command: sets up data and the build on a fresh machine, then runs a small real training run —
# ResNet-20 (width 8) learning its bit allocation towards 2/2/1 from 4/4/2 on 4,000 Fashion-MNIST images for
# 2 epochs, tested on 2,000 — and prints accuracy, the learned W/S/T, bit budget, S-ACE and energy.
# Extra arguments go to the trainer (submit/train.sh --help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash submit/setup.sh --data
exec bash submit/train.sh --network resnet20 --width 8 --dataset fashion-mnist \
  --train-limit 4000 --test-limit 2000 --epochs 2 --batch 64 \
  --init 4/4/2 --target 2/2/1 --penalty-scale 20 --out "runs/quickstart-$(date +%Y%m%d-%H%M%S)" "$@"
