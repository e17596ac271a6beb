#!/usr/bin/env bash
# The README's test command: installs the build tools if missing, then builds and runs every module's tests.
# The golden vectors are read from ../shared/golden (override: GOLDEN_DIR=/path submit/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash submit/setup.sh --tests
exec mvn -B -ntp verify ${GOLDEN_DIR:+-Dgolden.dir="$GOLDEN_DIR"}
