#!/usr/bin/env bash
# Runs the application in Spark local mode on this machine: submit/local.sh sweep --file conf/sweeps/quickstart.conf
# (subcommands: train, sweep, report, sql, export, score; --help on each). MASTER overrides local[2].
set -euo pipefail
# without arguments: print the header above as usage, exit 2
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/env.sh"
build_jobs
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
cmd="$1"; shift
exec java "${JAVA_FLAGS[@]}" -cp "$JOBS_CP" io.github.abasnn.jobs.Main "$cmd" --master "${MASTER:-local[2]}" "$@"
