#!/usr/bin/env bash
# A real Spark standalone cluster on this machine — one master and two workers, each its own JVM, on 127.0.0.1 —
# and a submission to it; the cluster is stopped when the script ends. Arguments go to the application, e.g.
#   submit/spark/standalone.sh sweep --file conf/sweeps/quickstart.conf
# WORKERS (2), WORKER_CORES (1), WORKER_MEMORY (4g), MASTER_PORT (7077), UI_PORT (8080) override the defaults;
# SUBMIT_OPTS passes further spark-submit options (the submission goes through this build's spark-submit), WORKER_OPTS
# further worker JVM options (e.g. -Dspark.worker.resource.gpu.amount=2 -Dspark.worker.resource.gpu.discoveryScript=..).
set -euo pipefail
# without arguments: print the header above as usage, exit 2
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/../env.sh"
build_jobs
# relative paths (the sweep file, its data-dir and results) stay relative to where this was started
trap cluster_stop EXIT
cluster_start
cluster_submit "$@"
