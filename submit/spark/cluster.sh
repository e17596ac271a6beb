#!/usr/bin/env bash
# A Spark standalone cluster on this machine kept up across submissions (standalone.sh starts one per submission):
#   submit/spark/cluster.sh start                      a master and WORKERS workers, each its own JVM on 127.0.0.1
#   submit/spark/cluster.sh submit sweep --file F      the application on it (client mode), as often as wanted
#   submit/spark/cluster.sh stop                       ends the JVMs start began (by their PIDs)
# The same settings as standalone.sh (WORKERS, WORKER_CORES, WORKER_MEMORY, WORKER_OPTS, MASTER_PORT, UI_PORT,
# SUBMIT_OPTS); CLUSTER_STATE (default runs/standalone) keeps the logs and the PIDs between the three calls.
set -euo pipefail
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/../env.sh"
build_jobs
CLUSTER_STATE="${CLUSTER_STATE:-$ROOT/runs/standalone}"
pids="$CLUSTER_STATE/cluster.pids"
cmd="$1"; shift
case "$cmd" in
  start)
    [ ! -f "$pids" ] || { echo "cluster.sh: a cluster of $CLUSTER_STATE is up ($pids); stop it first" >&2; exit 2; }
    cluster_start
    { echo "MASTER_PID=$MASTER_PID"; echo "WORKER_PIDS=(${WORKER_PIDS[*]})"; } > "$pids"
    ;;
  submit)
    [ -f "$pids" ] || { echo "cluster.sh: no cluster is up in $CLUSTER_STATE (cluster.sh start)" >&2; exit 2; }
    export SPARK_LOCAL_IP=127.0.0.1
    WORKERS=${WORKERS:-2}; WORKER_CORES=${WORKER_CORES:-1}; WORKER_MEMORY=${WORKER_MEMORY:-4g}
    MASTER_PORT=${MASTER_PORT:-7077}
    cluster_submit "$@"
    ;;
  stop)
    [ -f "$pids" ] || exit 0
    # shellcheck disable=SC1090 # the PIDs start recorded
    source "$pids"
    for p in "${WORKER_PIDS[@]}" "$MASTER_PID"; do kill "$p" 2>/dev/null || true; done
    rm -f "$pids"
    ;;
  *) echo "cluster.sh: unknown command '$cmd' (start, submit or stop)" >&2; exit 2 ;;
esac
