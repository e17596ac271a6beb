#!/usr/bin/env bash
# This project's training step against the authors' PyTorch release on this CPU, measured side by side:
#   submit/bench/bench-vs-release.sh RELEASE_DIR [PAIRS] [--width W --batch B --warmup N --steps N]
# RELEASE_DIR is a checkout of github.com/Ikarosy/Towards-Efficient-and-Accurate-Spiking-Neural-Networks-via-Adaptive-
# Bit-Allocation (nothing of it is copied here); it runs under Debian's python3-torch with libopenblas0-pthread
# (submit/bench/release/step_bench.py: the same step as submit/bench/bench.sh, ResNet-20 width 16, batch 64, init 4/4/2, all
# learnable). PAIRS (3) alternating runs, each pair's ratio printed; the last line is "ratio (median): R". Options
# after PAIRS go to both benchmarks, e.g. the paper's width: RELEASE_DIR 1 --width 128 --warmup 1 --steps 3.
set -euo pipefail
[ $# -gt 0 ] || { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
RELEASE=$(cd "$1" && pwd); PAIRS=${2:-3}; shift; [ $# -gt 0 ] && shift
HERE="$(cd "$(dirname "$0")" && pwd)"
PY=${PYTHON:-/usr/bin/python3}
"$PY" -c 'import torch' 2>/dev/null || { echo "bench-vs-release: $PY has no torch (apt-get install python3-torch libopenblas0-pthread)" >&2; exit 2; }
ratios=()
for i in $(seq 1 "$PAIRS"); do
  ours=$(bash "$HERE/bench.sh" "$@" 2>/dev/null | sed -n 's/^images\/s: //p')
  theirs=$(cd /tmp && "$PY" "$HERE/release/step_bench.py" "$RELEASE" --threads "${THREADS:-2}" "$@" 2>/dev/null | sed -n 's/^images\/s: //p')
  r=$(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.2f", a / b}')
  ratios+=("$r")
  echo "pair $i: this project $ours images/s, release $theirs images/s, ratio $r"
done
echo "ratio (median): $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')"
