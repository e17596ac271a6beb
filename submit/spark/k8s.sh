#!/usr/bin/env bash
# Template: a sweep on Kubernetes with GPU executors (NVIDIA device plugin: nvidia.com/gpu). Build the application
# jar (mvn -Pdist -Pcuda -DskipTests package) into an image FROM a Spark 3.5 / Java 17 base at /opt/app/app.jar, with
# conf/ at /opt/app/conf, and with SPARK_HOME a Spark 3.5 install with Kubernetes support, then:
#   IMAGE=registry/aba-snn:0.1 K8S=https://api.cluster:6443 submit/spark/k8s.sh sweep --file /opt/app/conf/sweeps/cifar10-paper.conf
set -euo pipefail
# without arguments: print the header above as usage, exit 2
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
source "$(dirname "$0")/../env.sh"
: "${IMAGE:?set IMAGE to the application image}"
: "${K8S:?set K8S to the API server URL}"
APP_JAR="${APP_JAR:-local:///opt/app/app.jar}"
cmd="$1"; shift
# the project's settings (conf/spark-defaults.conf) are added with --conf on top of the site's defaults; SUBMIT_OPTS
# adds more
spark_submit \
  --master "k8s://$K8S" --deploy-mode cluster --name "aba-snn-$cmd" \
  --conf spark.kubernetes.container.image="$IMAGE" \
  --conf spark.kubernetes.namespace="${NAMESPACE:-default}" \
  --conf spark.executor.instances="${EXECUTORS:-4}" \
  --conf spark.executor.cores="${EXECUTOR_CORES:-4}" --conf spark.task.cpus="${EXECUTOR_CORES:-4}" \
  --conf spark.executorEnv.OMP_NUM_THREADS="${EXECUTOR_CORES:-4}" \
  --conf spark.executor.memory="${EXECUTOR_MEMORY:-24g}" \
  --conf spark.executor.resource.gpu.amount=1 \
  --conf spark.task.resource.gpu.amount=1 \
  --conf spark.executor.resource.gpu.vendor=nvidia.com \
  --conf spark.executor.resource.gpu.discoveryScript=/opt/app/conf/gpu-discovery.sh \
  -- "$cmd" "$@"
