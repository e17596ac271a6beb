#!/usr/bin/env bash
# Runs the application in Spark local mode on this machine: submit/spark/local.sh sweep --file conf/sweeps/quickstart.conf
# (subcommands: train, sweep, report, sql, export, score; --help on each). MASTER overrides local[2]. Goes through
# spark-submit (SPARK_HOME's, else this build's): the site's spark-defaults.conf applies, the project's settings are
# added on top, and SUBMIT_OPTS passes further spark-submit options (e.g. SUBMIT_OPTS="--verbose --conf k=v").
set -euo pipefail
# without arguments: print the header above as usage, exit 2
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/../env.sh"
build_jobs
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
cmd="$1"; shift
spark_submit --master "${MASTER:-local[2]}" --name "aba-snn $cmd" -- "$cmd" "$@"
