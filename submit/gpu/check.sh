#!/usr/bin/env bash
# Everything a GPU machine checks, as one script (runs/gpu-carry/check.sh, put there by submit/gpu/package.sh):
# the CUDA 13 libraries found, the kernels compiled by NVRTC for the GPU found, every golden neuron and quantizer
# case recomputed on the device in double precision at the CPU's tolerance ("gpu golden: N cases, F failed"), and
# every op fixture (both neuron forms and the weight quantizer at training sizes, double and single precision)
# against the CPU kernels' outputs ("gpu ops: N fixtures, F failed"); one line per case. Exit 0 when nothing failed. Needs a JRE (carried) and the machine's CUDA 13
# libraries (libcudart.so.13, libnvrtc.so.13; from PyTorch's pip nvidia-* wheels where no toolkit is installed).
#   runs/gpu-carry/check.sh [--device N]
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
for lib in libcudart.so.13 libnvrtc.so.13 libnvrtc-builtins.so.13.0; do
  if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then
    dir=$(find / -xdev -name "$lib*" -not -path '*/proc/*' 2>/dev/null | head -1 | xargs -r dirname)
    [ -n "$dir" ] && LD_LIBRARY_PATH="$dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  fi
done
export LD_LIBRARY_PATH
echo "check: LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv,noheader 2>/dev/null | sed 's/^/check: /'
CP=$(ls "$HERE"/lib/*.jar | tr '\n' ':')
JAVA="$HERE/jre/bin/java"
[ -x "$JAVA" ] || JAVA=java
JOPTS=(-Dorg.bytedeco.javacpp.cachedir="$HERE/javacpp-cache" -cp "$CP")
"$JAVA" "${JOPTS[@]}" io.github.abasnn.gpu.GpuGoldenCheck "$@" "$HERE"/golden/*
golden=$?
"$JAVA" "${JOPTS[@]}" io.github.abasnn.gpu.GpuOpCheck "$@" "$HERE/fixtures/ops.bin"
ops=$?
echo "check: golden exit $golden, ops exit $ops"
[ $golden -eq 0 ] && [ $ops -eq 0 ]
