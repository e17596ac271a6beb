#!/usr/bin/env bash
# Trials per hour of a sweep on a standalone cluster with one worker and with two (one core each), same sweep
# (conf/sweeps/scaling.conf), fresh results each time: submit/bench/scaling.sh [sweep file]. Prints, per cluster size,
# trials/hour over the whole run (cluster start included) and over the trials' own span (first trial start to last
# trial end, from the trials table).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FILE="${1:-conf/sweeps/scaling.conf}"
cd "$ROOT"
for workers in 1 2; do
  export RESULTS="runs/scaling-$workers-$(date +%s)"
  log="runs/scaling-$workers.log"
  start=$(date +%s.%N)
  WORKERS=$workers UI_PORT=$((8180 + 10 * workers)) MASTER_PORT=$((7177 + workers)) \
    "$ROOT/submit/spark/standalone.sh" sweep --file "$FILE" --concurrency 2 > "$log" 2>&1
  end=$(date +%s.%N)
  trials=$(grep -o 'sweep [^:]*: [0-9]* trials' "$log" | grep -o '[0-9]* trials' | grep -o '[0-9]*')
  awk -v w="$workers" -v t="$trials" -v s="$start" -v e="$end" 'BEGIN {
    printf "workers %d: %d trials in %.0f s (cluster start included): %.1f trials/hour\n", w, t, e - s, 3600 * t / (e - s) }'
  span=$("$ROOT/submit/spark/local.sh" sql --results "$RESULTS" "SELECT round(max(cast(cast(finished_at AS timestamp)
      AS double)) - min(cast(cast(finished_at AS timestamp) AS double) - wall_seconds), 1) AS span FROM trials
      WHERE sweep = 'scaling'" 2>/dev/null | grep -Eo '[0-9]+\.[0-9]+' | tail -1)
  awk -v w="$workers" -v t="$trials" -v s="$span" 'BEGIN {
    printf "workers %d: trials span %.1f s (first start to last end): %.1f trials/hour\n", w, s, 3600 * t / s }'
done
