#!/usr/bin/env bash
# The README's main command: sets up data and the build on a fresh machine, then runs the quick-start sweep in
# Spark local mode — ResNet-20 (width 8) on 4,000 Fashion-MNIST images, 2 epochs each: learned and uniform 1/1/1,
# learned and uniform 2/2/1 (learned arms from 4/4/2), a uniform 4/4/1 reference — and prints the Pareto table of
# accuracy against bit budget with each same-budget pair's winner and margin.
# Results land in runs/results (Delta tables); running it again skips the finished trials.
set -euo pipefail
cd "$(dirname "$0")/.."
bash submit/setup.sh --data
exec bash submit/spark/local.sh sweep --file conf/sweeps/quickstart.conf "$@"
