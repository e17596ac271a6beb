#!/usr/bin/env bash
# Builds the application jar (mvn -Pdist: spark-jobs-*-app.jar, Spark and Hadoop left to the cluster) and runs it
# as a cluster would: the app jar plus only what a Spark 3.5 distribution provides (Spark, Hadoop, Scala, log4j2,
# slf4j) on the class path — one data-parallel epoch of a tiny ResNet-20 on 512 Fashion-MNIST images in local[2].
# A class the jar should carry but does not fails here, not on the cluster.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
cd "$ROOT"
mvn -B -q -ntp -Pdist -DskipTests -pl neuron-core,spark-jobs -am install >&2
mvn -B -q -ntp -Pdist -pl spark-jobs dependency:build-classpath -DincludeScope=provided \
  -Dmdep.outputFile="$ROOT/spark-jobs/target/provided-classpath.txt" >&2
# Scala and logging jars a Spark distribution ships (other dependencies pull them at compile scope, so they are
# not "provided"; the shade leaves them out)
shipped=$(tr ':' '\n' < "$ROOT/spark-jobs/target/classpath.txt" | grep -E '/(log4j-(api|core|slf4j2-impl)|slf4j-api|scala-(library|reflect))-' | paste -sd:)
APP="$ROOT/spark-jobs/target/spark-jobs-$VERSION-app.jar"
echo "app jar: $APP ($(du -h "$APP" | cut -f1))" >&2
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export SPARK_LOCAL_IP=127.0.0.1
java "${JAVA_FLAGS[@]}" -cp "$APP:$(cat "$ROOT/spark-jobs/target/provided-classpath.txt"):$shipped" \
  io.github.abasnn.jobs.Main train --master "local[2]" --workers 2 --results "$out/results" -- \
  --network resnet20 --width 2 --dataset fashion-mnist --train-limit 512 --test-limit 256 --epochs 1 --batch 32 \
  --out "$out/run"
echo "check-dist: the application jar runs on Spark's class path" >&2
