#!/usr/bin/env bash
# Spark GPU resource discovery (spark.{driver,executor}.resource.gpu.discoveryScript): prints the GPUs this
# executor may use as {"name": "gpu", "addresses": ["0", "1", ...]}, from nvidia-smi, honouring
# CUDA_VISIBLE_DEVICES when the cluster manager sets it.
set -euo pipefail
if [ -n "${CUDA_VISIBLE_DEVICES:-}" ]; then
  ids=$(echo "$CUDA_VISIBLE_DEVICES" | tr ',' '\n')
else
  ids=$(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null || true)
fi
printf '{"name": "gpu", "addresses": ['
first=1
for id in $ids; do
  [ $first = 1 ] || printf ', '
  printf '"%s"' "$(echo "$id" | tr -d ' ')"
  first=0
done
printf ']}\n'
