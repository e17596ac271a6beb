#!/usr/bin/env bash
# Runs the application in Spark local mode on this machine: submit/local.sh sweep --file conf/sweeps/quickstart.conf
# (subcommands: sweep, report, sql; --help on each). MASTER overrides local[2].
set -euo pipefail
source "$(dirname "$0")/env.sh"
build_jobs
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
cmd="$1"; shift
exec java "${JAVA_FLAGS[@]}" -cp "$JOBS_CP" io.github.abasnn.jobs.Main "$cmd" --master "${MASTER:-local[2]}" "$@"
