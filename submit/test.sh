#!/usr/bin/env bash
# The README's test command: installs the build tools if missing, then builds and runs every module's tests, then
# packs what a GPU machine carries and dry-runs its check with the jlinked JRE and only the carried jars (no GPU here:
# it proves the carry complete, under 60 MiB, and free of ND4J).
# The golden vectors are read from ../shared/golden (override: GOLDEN_DIR=/path submit/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash submit/setup.sh --tests
mvn -B -ntp verify ${GOLDEN_DIR:+-Dgolden.dir="$GOLDEN_DIR"}
submit/gpu/package.sh
runs/gpu-carry/check.sh --dry-run
