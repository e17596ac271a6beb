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

# Builds neuron-core once (or when sources changed) and sets CORE_CP.
build_core() {
  local cp="$ROOT/neuron-core/target/classpath.txt" jar
  jar="$ROOT/neuron-core/target/neuron-core-$VERSION.jar"
  if [ ! -f "$cp" ] || [ ! -f "$jar" ] || [ -n "$(find "$ROOT/neuron-core/src/main" "$ROOT/neuron-core/pom.xml" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    (cd "$ROOT" && mvn -B -q -ntp -DskipTests -pl neuron-core -am install) >&2
  fi
  CORE_CP="$jar:$(cat "$cp")"
}

# Builds both modules when needed and sets JOBS_CP (spark-jobs, neuron-core and their dependencies).
build_jobs() {
  if [ -n "${JOBS_CP:-}" ]; then return; fi # given (tests run the scripts on their own class path)
  local cp="$ROOT/spark-jobs/target/classpath.txt" jar="$ROOT/spark-jobs/target/spark-jobs-$VERSION.jar"
  if [ ! -f "$cp" ] || [ ! -f "$jar" ] || [ -n "$(find "$ROOT/spark-jobs/src/main" "$ROOT/neuron-core/src/main" "$ROOT/spark-jobs/pom.xml" "$ROOT/neuron-core/pom.xml" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    (cd "$ROOT" && mvn -B -q -ntp -DskipTests install) >&2
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
