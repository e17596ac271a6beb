#!/usr/bin/env bash
# Template: a sweep on YARN with GPU executors (one GPU and one trial per task). Build the application jar first:
#   mvn -Pdist -DskipTests package            (and -Pcuda for GPU executors)
# then: submit/spark/yarn.sh sweep --file conf/sweeps/cifar10-paper.conf
# Needs SPARK_HOME (a Spark 3.5 / Scala 2.12 install with YARN support), HADOOP_CONF_DIR set, and YARN with GPU scheduling
# (yarn.io/gpu resource). The driver runs here (client mode), so the sweep file is read and checked locally before
# anything is submitted; its data-dir must be readable on every node (shared file system); results may be any
# Hadoop URI (hdfs://, s3a://).
set -euo pipefail
# without arguments: print the header above as usage, exit 2
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/../env.sh"
APP_JAR="${APP_JAR:-$ROOT/spark-jobs/target/spark-jobs-$VERSION-app.jar}"
[ -f "$APP_JAR" ] || { echo "yarn.sh: build the application jar first: mvn -Pdist -DskipTests package" >&2; exit 2; }
cmd="$1"; shift
# the project's settings (conf/spark-defaults.conf) are added with --conf on top of the site's defaults; SUBMIT_OPTS
# adds more (--queue, --principal/--keytab, --archives ...)
spark_submit \
  --master yarn --deploy-mode client --name "aba-snn $cmd" \
  --num-executors "${EXECUTORS:-4}" --executor-cores "${EXECUTOR_CORES:-4}" --executor-memory "${EXECUTOR_MEMORY:-24g}" \
  --conf spark.executor.resource.gpu.amount=1 \
  --conf spark.task.resource.gpu.amount=1 \
  --conf spark.task.cpus="${EXECUTOR_CORES:-4}" \
  --conf spark.executorEnv.OMP_NUM_THREADS="${EXECUTOR_CORES:-4}" \
  --conf spark.executor.resource.gpu.discoveryScript=./gpu-discovery.sh \
  --files "$ROOT/conf/gpu-discovery.sh,$ROOT/conf/log4j2.xml" \
  -- "$cmd" "$@"
