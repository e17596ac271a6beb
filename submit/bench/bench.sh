#!/usr/bin/env bash
# Training-step benchmark of ResNet-20 width 16 (3x32x32, batch 64, init 4/4/2, all learnable).
# Runs under a 4 GiB budget (1 GiB heap + 3 GiB off-heap) to show the model fits. Last line: "images/s: N".
#   --device gpu [GpuStepBench options]: the same step on this machine's GPU (neuron-gpu), ResNet-20 width 16 and 128,
#   batch 64 and 128, FP32 and TF32 unless --batch/--math say otherwise, each with where its time went (CUDA events);
#   the networks are written once under runs/bench-models by the CPU (LSQ-initialised, weights as a seed).
set -euo pipefail
source "$(dirname "$0")/../env.sh"
if [ "${1:-}" = "--device" ] && [ "${2:-}" = "gpu" ]; then
  shift 2
  ABA_GPU=1 build_core
  models="$ROOT/runs/bench-models"
  if [ ! -f "$models/resnet20-w128.bin" ] || [ ! -f "$models/resnet20-w16.bin" ]; then
    java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.gpu.fixtures.BenchModelWriter "$models" 16 128 >&2
  fi
  exec java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.gpu.bench.GpuStepBench --batch 64,128 --math fma,tf32 \
    "$@" "$models/resnet20-w16.bin" "$models/resnet20-w128.bin"
fi
[ "${1:-}" = "--device" ] && [ "${2:-}" = "cpu" ] && shift 2
build_core
HEAP=${HEAP:-1g}
JAVA_FLAGS+=(-Xmx"$HEAP" -Dorg.bytedeco.javacpp.maxbytes=3G -Dorg.bytedeco.javacpp.maxphysicalbytes=4G)
exec java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.cli.Cli bench "$@"
