#!/usr/bin/env bash
# The Spark ML example in Spark local mode: submit/spark/pipeline-example.sh TRAIN_DIR TEST_DIR OUT_DIR [EPOCHS]
# (image files as <dir>/<label>/<file>; fits a Pipeline with SnnClassifier, saves, reloads, scores, evaluates).
set -euo pipefail
# without arguments: print the header above as usage, exit 2
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/../env.sh"
build_jobs
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java "${JAVA_FLAGS[@]}" -Dspark.master="${MASTER:-local[2]}" -cp "$JOBS_CP" \
    io.github.abasnn.examples.PipelineExample "$@"
