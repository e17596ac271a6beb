# Shared by the submit/ scripts: JVM flags and the neuron-core class path. Source it; do not run it.
# Java 17 needs these opens for Spark; the helpers flag turns DL4J's oneDNN helpers on (see the shim
# org.nd4j.nativeblas.Nd4jCpu for the M2.1 bug that otherwise drops them).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# the project version, read once from the parent POM (the first <version> is the project's own)
VERSION="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)"
# libnd4j's OpenMP threads otherwise spin after every op and take the core the fused neuron kernels run on
# (measured: ResNet-20 w16 training steps 55 -> 66 images/s on 2 cores).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
JAVA_FLAGS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dorg.eclipse.deeplearning4j.helpers.disable=false
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.xml"
  -Xmx${HEAP:-2g}
  # ND4J's arrays live off-heap and are freed when the garbage collector finds them; with a roomy heap it rarely
  # runs and a training JVM grew to 12 GB resident (measured: two full Fashion-MNIST runs side by side filled 24 GB).
  # JavaCPP collects when its off-heap total reaches this cap.
  -Dorg.bytedeco.javacpp.maxbytes=${OFFHEAP:-3g}
  # gradient sharing (train --mode sharing) over Aeron: a publication may block that long on a busy machine
  -Daeron.publication.unblock.timeout=60000000000
)

# Builds neuron-core once (or when sources changed) and sets CORE_CP; ABA_GPU=1 adds neuron-gpu (for --device gpu).
build_core() {
  if [ -n "${CORE_CP:-}" ]; then return; fi # given (a snapshot of the build, as for JOBS_CP)
  if [ "${ABA_GPU:-0}" = 1 ]; then
    local gcp="$ROOT/neuron-gpu/target/classpath.txt" gjar="$ROOT/neuron-gpu/target/neuron-gpu-$VERSION.jar"
    if [ ! -f "$gcp" ] || [ ! -f "$gjar" ] || [ -n "$(find "$ROOT/neuron-gpu/src/main" "$ROOT/neuron-core/src/main" "$ROOT/neuron-gpu/pom.xml" "$ROOT/neuron-core/pom.xml" "$ROOT/pom.xml" -newer "$gjar" -print -quit)" ]; then
      (cd "$ROOT" && mvn -B -q -ntp -DskipTests -pl neuron-gpu -am install \
        && mvn -B -q -ntp -pl neuron-gpu dependency:build-classpath -Dmdep.outputFile="$gcp") >&2
    fi
    CORE_CP="$gjar:$(cat "$gcp")"
    return
  fi
  local cp="$ROOT/neuron-core/target/classpath.txt" jar
  jar="$ROOT/neuron-core/target/neuron-core-$VERSION.jar"
  if [ ! -f "$cp" ] || [ ! -f "$jar" ] || [ -n "$(find "$ROOT/neuron-core/src/main" "$ROOT/neuron-core/pom.xml" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    (cd "$ROOT" && mvn -B -q -ntp -DskipTests -pl neuron-core -am install) >&2
  fi
  CORE_CP="$jar:$(cat "$cp")"
}

# Builds both modules when needed and sets JOBS_CP (spark-jobs, neuron-core and their dependencies); ABA_GPU=1 builds
# with -Pgpu (neuron-gpu on the class path, for --device gpu).
build_jobs() {
  if [ -n "${JOBS_CP:-}" ]; then return; fi # given (tests run the scripts on their own class path)
  local cp="$ROOT/spark-jobs/target/classpath.txt" jar="$ROOT/spark-jobs/target/spark-jobs-$VERSION.jar"
  local profile=() has_gpu=0 want_gpu=0
  if [ "${ABA_GPU:-0}" = 1 ]; then profile=(-Pgpu); want_gpu=1; fi
  if [ -f "$cp" ] && grep -q 'neuron-gpu' "$cp"; then has_gpu=1; fi
  if [ ! -f "$cp" ] || [ ! -f "$jar" ] || [ "$has_gpu" != "$want_gpu" ] || [ -n "$(find "$ROOT/spark-jobs/src/main" "$ROOT/neuron-core/src/main" "$ROOT/neuron-gpu/src/main" "$ROOT/spark-jobs/pom.xml" "$ROOT/neuron-core/pom.xml" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    (cd "$ROOT" && mvn -B -q -ntp -DskipTests "${profile[@]}" install) >&2
  fi
  JOBS_CP="$jar:$(cat "$cp")"
}

# The project's Spark settings (conf/spark-defaults.conf) as --conf arguments in PROJECT_CONFS: added on top of the
# site's spark-defaults.conf (SPARK_CONF_DIR, else SPARK_HOME/conf), which --properties-file would replace.
project_confs() {
  PROJECT_CONFS=()
  local line key value
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ''|'#'*) continue ;; esac
    key="${line%%[[:space:]]*}"
    value="${line#"$key"}"
    value="${value#"${value%%[![:space:]]*}"}"
    PROJECT_CONFS+=(--conf "$key=$value")
  done < "$ROOT/conf/spark-defaults.conf"
}

# Submits the application: spark_submit [spark-submit options] -- [application arguments].
# Uses $SPARK_HOME/bin/spark-submit when there is one, else this build's Spark jars (SparkSubmit in this JVM, which
# is then the client-mode driver: JAVA_FLAGS and DRIVER_OPTS apply). The project's settings come first, then the
# caller's options, then SUBMIT_OPTS (further spark-submit options, word-split: --queue, --principal/--keytab,
# --archives, --verbose, --conf k=v ...), so a later one wins. APP_JAR overrides the application jar.
spark_submit() {
  local -a submit=() app=() extra=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do submit+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  app=("$@")
  [ -n "${SUBMIT_OPTS:-}" ] && read -r -a extra <<< "$SUBMIT_OPTS"
  project_confs
  local jar="${APP_JAR:-$ROOT/spark-jobs/target/spark-jobs-$VERSION.jar}"
  if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
    "$SPARK_HOME/bin/spark-submit" "${PROJECT_CONFS[@]}" "${submit[@]}" "${extra[@]}" \
      --class io.github.abasnn.jobs.Main "$jar" "${app[@]}"
    return
  fi
  [ -n "${JOBS_CP:-}" ] || build_jobs
  local -a driver=()
  [ -n "${DRIVER_OPTS:-}" ] && read -r -a driver <<< "$DRIVER_OPTS"
  java "${JAVA_FLAGS[@]}" "${driver[@]}" -cp "$JOBS_CP" org.apache.spark.deploy.SparkSubmit \
    "${PROJECT_CONFS[@]}" "${submit[@]}" "${extra[@]}" --class io.github.abasnn.jobs.Main "$jar" "${app[@]}"
}

# A Spark standalone cluster on this machine: cluster_start runs a master and WORKERS workers (WORKER_CORES cores,
# WORKER_MEMORY each, WORKER_OPTS further worker JVM options), each its own JVM on 127.0.0.1, and waits until all are
# alive; their PIDs are MASTER_PID and WORKER_PIDS[i]. cluster_worker i (re)starts worker i, cluster_submit submits the
# application to the cluster in client mode, cluster_stop ends the JVMs it started (by their PIDs). CLUSTER_STATE
# (default runs/standalone) holds the logs, the workers' directories and the SPARK_HOME made from this build.
cluster_start() {
  export SPARK_LOCAL_IP=127.0.0.1 SPARK_MASTER_HOST=127.0.0.1
  # the launcher otherwise looks for a Spark source build to learn the Scala version
  export SPARK_SCALA_VERSION=2.12
  WORKERS=${WORKERS:-2}; WORKER_CORES=${WORKER_CORES:-1}; WORKER_MEMORY=${WORKER_MEMORY:-4g}
  MASTER_PORT=${MASTER_PORT:-7077}; UI_PORT=${UI_PORT:-8080}
  CLUSTER_STATE="${CLUSTER_STATE:-$ROOT/runs/standalone}"
  mkdir -p "$CLUSTER_STATE/logs"
  # Workers start executors from $SPARK_HOME/jars: make one from this build's class path.
  export SPARK_HOME="$CLUSTER_STATE/spark-home"
  rm -rf "$SPARK_HOME"; mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf"
  local -a entries
  IFS=':' read -r -a entries <<< "$JOBS_CP"
  local j
  for j in "${entries[@]}"; do [ -f "$j" ] && ln -sf "$j" "$SPARK_HOME/jars/$(basename "$j")"; done
  java "${JAVA_FLAGS[@]}" -cp "$JOBS_CP" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$UI_PORT" > "$CLUSTER_STATE/logs/master.log" 2>&1 &
  MASTER_PID=$!
  WORKER_PIDS=()
  local i
  for i in $(seq 1 "$WORKERS"); do cluster_worker "$i"; done
  cluster_wait_alive "$WORKERS" || { echo "standalone: not every worker came up; see $CLUSTER_STATE/logs" >&2; return 1; }
  echo "standalone: master spark://127.0.0.1:$MASTER_PORT with $WORKERS workers (UI http://127.0.0.1:$UI_PORT)" >&2
}

# (Re)starts worker $1 of the cluster; its PID becomes WORKER_PIDS[$1].
cluster_worker() {
  local i=$1
  # shellcheck disable=SC2086 # WORKER_OPTS is a list of JVM options
  java "${JAVA_FLAGS[@]}" -Xmx512m ${WORKER_OPTS:-} -cp "$JOBS_CP" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" --webui-port $((UI_PORT + i)) \
    --work-dir "$CLUSTER_STATE/worker-$i" "spark://127.0.0.1:$MASTER_PORT" >> "$CLUSTER_STATE/logs/worker-$i.log" 2>&1 &
  WORKER_PIDS[$i]=$!
}

# Waits (up to 2 minutes) until the master reports $1 workers alive.
cluster_wait_alive() {
  local alive _
  for _ in $(seq 1 120); do
    alive=$(curl -s "http://127.0.0.1:$UI_PORT/json/" 2>/dev/null | grep -o '"state" *: *"ALIVE"' | wc -l || true)
    [ "${alive:-0}" -ge "$1" ] && return 0
    sleep 1
  done
  return 1
}

# Ends the cluster's JVMs, by the PIDs cluster_start and cluster_worker recorded.
cluster_stop() {
  local p
  for p in "${WORKER_PIDS[@]}" "${MASTER_PID:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done
  wait 2>/dev/null || true
}

# Submits the application to the cluster (client mode): cluster_submit [application arguments]. Every worker runs on
# this machine, so a local results path is shared by all of them (DRIVER_OPTS adds further driver JVM options).
cluster_submit() {
  DRIVER_OPTS="-Dabasnn.sharedFileUri=true ${DRIVER_OPTS:-}" spark_submit \
    --master "spark://127.0.0.1:$MASTER_PORT" --deploy-mode client --name "aba-snn $1" \
    --conf spark.executor.cores="$WORKER_CORES" --conf spark.executor.memory="$WORKER_MEMORY" \
    --conf spark.executorEnv.OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" \
    --conf spark.cores.max=$((WORKERS * WORKER_CORES)) \
    --conf "spark.executor.extraJavaOptions=$(grep '^spark.executor.extraJavaOptions' "$ROOT/conf/spark-defaults.conf" | sed 's/^[^ ]* *//') -Dlog4j2.configurationFile=$ROOT/conf/log4j2.xml" \
    -- "$@"
}
