#!/usr/bin/env bash
# Everything a GPU machine checks, as one script (runs/gpu-carry/check.sh, put there by submit/gpu/package.sh), one
# line per part:
#   the CUDA 13 libraries found; the kernels compiled by NVRTC for the GPU found;
#   golden: every golden neuron and quantizer case recomputed on the device in double precision (1e-9);
#   ops: every op fixture (both neuron forms, the weight quantizer; double and single precision) against the CPU's;
#   step: one full ResNet-20 training step (FP32, cuDNN/cuBLAS on FMA math) against the CPU plan's (1e-4);
#   bench: this project's step (ResNet-20 width 16 and 128, batch 64 and 128, FP32 and TF32) and the authors' release
#          on the same GPU (PyTorch, its own cuDNN settings, TF32 matched), alternating at width 128 batch 128.
# Last line: "gpu-check: parity P/Q ops, golden G/H, step ok|FAIL, images/s A (release B, ratio R)" at width 128,
# batch 128, FP32. Exit 0 when no check failed. Needs a JRE (carried) and the machine's CUDA 13 libraries
# (libcudart.so.13, libnvrtc.so.13, libcublas.so.13, libcudnn.so.9; from PyTorch's pip nvidia-* wheels where no
# toolkit is installed). --dry-run reads every file and loads every class, and touches no GPU (CI runs it).
#   runs/gpu-carry/check.sh [--device N] [--dry-run] [--quick]
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
DEVICE=0; DRY=0; STEPS=20
while [ $# -gt 0 ]; do
  case "$1" in
    --device) DEVICE=$2; shift ;;
    --dry-run) DRY=1 ;;
    --quick) STEPS=5 ;;
    *) echo "check.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
CP=$(ls "$HERE"/lib/*.jar | tr '\n' ':')
JAVA="$HERE/jre/bin/java"
[ -x "$JAVA" ] || JAVA=java
JOPTS=(-Dorg.bytedeco.javacpp.cachedir="$HERE/javacpp-cache" -cp "$CP")
if [ $DRY -eq 1 ]; then
  "$JAVA" "${JOPTS[@]}" io.github.abasnn.gpu.GpuStepCheck --dry-run "$HERE/fixtures/step.bin" || exit 1
  "$JAVA" "${JOPTS[@]}" io.github.abasnn.gpu.GpuOpCheck --dry-run "$HERE/fixtures/ops.bin" || exit 1
  "$JAVA" "${JOPTS[@]}" io.github.abasnn.gpu.GpuGoldenCheck --dry-run "$HERE"/golden/* || exit 1
  "$JAVA" "${JOPTS[@]}" io.github.abasnn.gpu.bench.GpuStepBench --dry-run "$HERE"/bench/*.bin || exit 1
  echo "check: dry run ok, carry $(du -sm "$HERE" | cut -f1) MiB"
  exit 0
fi
for lib in libcudart.so.13 libnvrtc.so.13 libnvrtc-builtins.so.13.0 libcublas.so.13 libcudnn.so.9; do
  if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then
    dir=$(find / -xdev -name "$lib*" -not -path '*/proc/*' 2>/dev/null | head -1 | xargs -r dirname)
    [ -n "$dir" ] && LD_LIBRARY_PATH="$dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  fi
done
export LD_LIBRARY_PATH
echo "check: LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv,noheader 2>/dev/null | sed 's/^/check: /'
run() { "$JAVA" "${JOPTS[@]}" "$@" 2>&1; }
golden_out=$(run io.github.abasnn.gpu.GpuGoldenCheck --device "$DEVICE" "$HERE"/golden/*); golden=$?
echo "$golden_out"
if [ $golden -eq 3 ]; then echo "gpu-check: no GPU here (see above); nothing was checked"; exit 3; fi
ops_out=$(run io.github.abasnn.gpu.GpuOpCheck --device "$DEVICE" "$HERE/fixtures/ops.bin"); ops=$?
echo "$ops_out"
step_out=$(run io.github.abasnn.gpu.GpuStepCheck --device "$DEVICE" "$HERE/fixtures/step.bin"); step=$?
echo "$step_out"
bench_out=$(run io.github.abasnn.gpu.bench.GpuStepBench --device "$DEVICE" --batch 64,128 --math fma,tf32 \
  --steps "$STEPS" "$HERE/bench/resnet20-w16.bin" "$HERE/bench/resnet20-w128.bin"); bench=$?
echo "$bench_out"
PY=$(command -v python3)
release() { # width batch tf32
  [ -d "$HERE/bench/release/models" ] || { echo "n/a"; return; }
  (cd /tmp && "$PY" "$HERE/bench/step_bench.py" "$HERE/bench/release" --device cuda --width "$1" --batch "$2" \
    --tf32 "$3" --warmup 5 --steps "$STEPS" 2>&1 | tee -a "$HERE/release.log" | sed -n 's/^images\/s: //p' | tail -1)
}
for cfg in "16 64" "16 128" "128 64" "128 128"; do
  for tf in off on; do
    r=$(release $cfg $tf); echo "release: width ${cfg% *}, batch ${cfg#* }, TF32 $tf: ${r:-failed} images/s"
  done
done
# the headline pair again, alternating: ours, the release
again=$(run io.github.abasnn.gpu.bench.GpuStepBench --device "$DEVICE" --batch 128 --math fma --steps "$STEPS" \
  "$HERE/bench/resnet20-w128.bin" | sed -n 's/^images\/s: //p')
theirs=$(release 128 128 off)
first=$(echo "$bench_out" | sed -n 's/^gpu bench: ResNet-20 width 128, batch 128, FP32: \([0-9.]*\) images\/s/\1/p')
ours=$(awk -v a="${first:-0}" -v b="${again:-0}" 'BEGIN {printf "%.1f", (a + b) / 2}')
ratio=$(awk -v a="$ours" -v b="${theirs:-0}" 'BEGIN {print (b > 0) ? sprintf("%.2f", a / b) : "n/a"}')
echo "bench: width 128, batch 128, FP32: this project $first and $again images/s, release $theirs images/s"
P=$(echo "$ops_out" | sed -n 's/^gpu ops: \([0-9]*\) fixtures, \([0-9]*\) failed/\1 \2/p')
G=$(echo "$golden_out" | sed -n 's/^gpu golden: \([0-9]*\) cases, \([0-9]*\) failed/\1 \2/p')
pq=$(echo "$P" | awk '{print ($1 - $2) "/" $1}'); gh=$(echo "$G" | awk '{print ($1 - $2) "/" $1}')
echo "gpu-check: parity ${pq:-0/0} ops, golden ${gh:-0/0}, step $([ $step -eq 0 ] && echo ok || echo FAIL), images/s $ours (release ${theirs:-n/a}, ratio $ratio)"
[ $golden -eq 0 ] && [ $ops -eq 0 ] && [ $step -eq 0 ] && [ $bench -eq 0 ]
