#!/usr/bin/env bash
# A real Spark standalone cluster on this machine — one master and two workers, each its own JVM, on 127.0.0.1 —
# and a submission to it; the cluster is stopped when the script ends. Arguments go to the application, e.g.
#   submit/standalone.sh sweep --file conf/sweeps/quickstart.conf
# WORKERS (2), WORKER_CORES (1), WORKER_MEMORY (4g), MASTER_PORT (7077), UI_PORT (8080) override the defaults;
# SUBMIT_OPTS passes further spark-submit options (the submission goes through this build's spark-submit), WORKER_OPTS
# further worker JVM options (e.g. -Dspark.worker.resource.gpu.amount=2 -Dspark.worker.resource.gpu.discoveryScript=..).
set -euo pipefail
# without arguments: print the header above as usage, exit 2
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/env.sh"
build_jobs
# relative paths (the sweep file, its data-dir and results) stay relative to where this was started
export SPARK_LOCAL_IP=127.0.0.1 SPARK_MASTER_HOST=127.0.0.1
# the launcher otherwise looks for a Spark source build to learn the Scala version
export SPARK_SCALA_VERSION=2.12
WORKERS=${WORKERS:-2}; WORKER_CORES=${WORKER_CORES:-1}; WORKER_MEMORY=${WORKER_MEMORY:-4g}
MASTER_PORT=${MASTER_PORT:-7077}; UI_PORT=${UI_PORT:-8080}
STATE="$ROOT/runs/standalone"
mkdir -p "$STATE/logs"

# Workers start executors from $SPARK_HOME/jars: make one from this build's class path.
export SPARK_HOME="$STATE/spark-home"
rm -rf "$SPARK_HOME"; mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf"
IFS=':' read -r -a entries <<< "$JOBS_CP"
for j in "${entries[@]}"; do [ -f "$j" ] && ln -sf "$j" "$SPARK_HOME/jars/$(basename "$j")"; done
cp "$ROOT/conf/log4j2.xml" "$SPARK_HOME/conf/log4j2.properties.unused" 2>/dev/null || true

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

java "${JAVA_FLAGS[@]}" -cp "$JOBS_CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$UI_PORT" > "$STATE/logs/master.log" 2>&1 &
pids+=($!)
for i in $(seq 1 "$WORKERS"); do
  # shellcheck disable=SC2086 # WORKER_OPTS is a list of JVM options
  java "${JAVA_FLAGS[@]}" -Xmx512m ${WORKER_OPTS:-} -cp "$JOBS_CP" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" --webui-port $((UI_PORT + i)) \
    --work-dir "$STATE/worker-$i" "spark://127.0.0.1:$MASTER_PORT" > "$STATE/logs/worker-$i.log" 2>&1 &
  pids+=($!)
done

# wait until the master reports every worker alive
for _ in $(seq 1 120); do
  alive=$(curl -s "http://127.0.0.1:$UI_PORT/json/" 2>/dev/null | grep -o '"state" *: *"ALIVE"' | wc -l || true)
  [ "${alive:-0}" -ge "$WORKERS" ] && break
  sleep 1
done
if [ "${alive:-0}" -lt "$WORKERS" ]; then
  echo "standalone: only ${alive:-0} of $WORKERS workers came up; see $STATE/logs" >&2; exit 1
fi
echo "standalone: master spark://127.0.0.1:$MASTER_PORT with $WORKERS workers (UI http://127.0.0.1:$UI_PORT)" >&2

cmd="$1"; shift
# every worker of this cluster runs on this machine, so a local results path is shared by all of them
DRIVER_OPTS="-Dabasnn.sharedFileUri=true" spark_submit \
  --master "spark://127.0.0.1:$MASTER_PORT" --deploy-mode client --name "aba-snn $cmd" \
  --conf spark.executor.cores="$WORKER_CORES" --conf spark.executor.memory="$WORKER_MEMORY" \
  --conf spark.executorEnv.OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" \
  --conf spark.cores.max=$((WORKERS * WORKER_CORES)) \
  --conf "spark.executor.extraJavaOptions=$(grep '^spark.executor.extraJavaOptions' "$ROOT/conf/spark-defaults.conf" | sed 's/^[^ ]* *//') -Dlog4j2.configurationFile=$ROOT/conf/log4j2.xml" \
  -- "$cmd" "$@"
