#!/usr/bin/env bash
# The README's main command: sets up data and the build on a fresh machine, then runs the quick-start sweep in
# Spark local mode — ResNet-20 (width 8) on 4,000 Fashion-MNIST images, 2 epochs each: learned 1/1/1, 2/2/1 and
# 3/4/1 from 4/4/2, and a uniform 4/4/1 baseline — and prints the Pareto table of accuracy against bit budget.
# Results land in runs/results (Delta tables); running it again skips the finished trials.
set -euo pipefail
cd "$(dirname "$0")/.."
bash submit/setup.sh --data
exec bash submit/spark/local.sh sweep --file conf/sweeps/quickstart.conf "$@"
