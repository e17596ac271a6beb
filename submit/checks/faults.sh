#!/usr/bin/env bash
# Fault-injection suite: small Fashion-MNIST sweeps (4 trials of ResNet-20 width 4, 4 epochs of 1,500 images) on a
# real standalone cluster on this machine (a master and two one-core worker JVMs), each under one fault, then the
# audit command counts every trial's rows in every table:
#   a  kill -9 of a worker JVM mid-trial (the sweep goes on; the trial resumes on the other worker)
#   b  kill -9 of the driver mid-sweep, then a re-run (it takes over the stale lease and resumes the trials)
#   c  the same sweep submitted twice at once (one driver waits for the other's lease)
#   d  kill -9 of the trainer in a loop, aimed at its checkpoint writes, then --resume; compared with an
#      uninterrupted run of the same seed
#   e  a corrupt data file (the trials fail naming it; fixed, the sweep runs), then a corrupt file in the trials and
#      in the epochs table (the store stays readable; a re-run repairs the trials)
#   f  kill -9 of an executor in the middle of a data-parallel (parameter averaging) epoch: Spark does not re-run a
#      failed barrier result stage, so the fitter runs the epoch again from its start on the relaunched executor;
#      compared with an uninterrupted run of the same seed
# Each scenario ends with "scenario X: trials N, rows lost L, duplicated D" (or what failed), the suite with
# "faults: S scenarios, lost L, duplicated D"; exit 0 when nothing was lost or duplicated. Processes are ended by
# their own PIDs only. Everything lands in runs/faults (removed first). About 25 minutes on 2 cores.
#   submit/checks/faults.sh [scenario letters, default: a b c d e f]
set -uo pipefail
ALL_SCENARIOS=(a b c d e f)
if [ $# -gt 0 ]; then SCENARIOS=("$@"); else SCENARIOS=("${ALL_SCENARIOS[@]}"); fi
for s in "${SCENARIOS[@]}"; do # before anything is built, started or deleted
  case " ${ALL_SCENARIOS[*]} " in
    *" $s "*) ;;
    *) echo "faults.sh: unknown scenario '$s' (known: ${ALL_SCENARIOS[*]})" >&2; exit 2 ;;
  esac
done
source "$(dirname "$0")/../env.sh"
build_jobs
build_core
cd "$ROOT"
FAULTS="$ROOT/runs/faults"
rm -rf "$FAULTS"; mkdir -p "$FAULTS"
export CLUSTER_STATE="$FAULTS/cluster" MASTER_PORT=${MASTER_PORT:-7177} UI_PORT=${UI_PORT:-8180}
TOTAL_LOST=0; TOTAL_DUP=0; RAN=0; BAD=0

log() { echo "faults: $*" >&2; }

# sweep_file NAME [DATA_DIR]: a 4-trial sweep with its own result store under runs/faults/NAME
sweep_file() {
  local name=$1 data=${2:-data/fashion-mnist}
  mkdir -p "$FAULTS/$name"
  cat > "$FAULTS/$name/sweep.conf" <<CONF
sweep {
  name = fault-$name
  results = "$FAULTS/$name/results"
  base { network = resnet20, width = 4, dataset = fashion-mnist, data-dir = "$data", init = "4/4/2", epochs = 4,
         batch = 64, train-limit = 1500, test-limit = 500, penalty-scale = 20, t-lr = 0.5 }
  axes { target = ["1/1/1", "2/2/1", "3/4/1"] }
  trials = [ { uniform = true, init = "4/4/1" } ]
}
CONF
  echo "$FAULTS/$name/sweep.conf"
}

# submit_bg LOG ARGS...: the application on the cluster in the background; DRIVER_PID is the driver JVM's PID
submit_bg() {
  local out=$1; shift
  cluster_submit "$@" > "$out" 2>&1 &
  local shell=$!
  DRIVER_PID=""
  for _ in $(seq 1 50); do # the function's subshell starts the driver JVM as its child
    DRIVER_PID=$(pgrep -P "$shell" -f SparkSubmit | head -1)
    [ -n "$DRIVER_PID" ] && break
    sleep 0.2
  done
  DRIVER_SHELL=$shell
}

# wait_for_checkpoint RESULTS SWEEP: until some trial has saved an epoch's checkpoint (up to 10 minutes)
wait_for_checkpoint() {
  for _ in $(seq 1 1200); do
    compgen -G "$1/_runs/$2/*/checkpoint.zip" > /dev/null && return 0
    sleep 0.5
  done
  return 1
}

# audit_line X CONF [NOTE]: audits the sweep and prints the scenario's line
audit_line() {
  local x=$1 conf=$2 note=${3:-} out line trials lost dup ok retried
  out=$(cluster_submit audit --file "$conf" 2>"$FAULTS/audit-$x.err")
  echo "$out" > "$FAULTS/audit-$x.out"
  line=$(grep '^audit ' <<< "$out" | tail -1)
  if [ -z "$line" ]; then
    echo "scenario $x: the audit failed (see $FAULTS/audit-$x.err)"; BAD=$((BAD + 1)); RAN=$((RAN + 1)); return
  fi
  trials=$(sed -n 's/.*: trials \([0-9]*\),.*/\1/p' <<< "$line")
  ok=$(sed -n 's/.* ok \([0-9]*\),.*/\1/p' <<< "$line")
  lost=$(sed -n 's/.*rows lost \([0-9]*\),.*/\1/p' <<< "$line")
  dup=$(sed -n 's/.*duplicated \([0-9]*\).*/\1/p' <<< "$line")
  retried=$(sed -n 's/.*retried \([0-9]*\).*/\1/p' <<< "$line")
  TOTAL_LOST=$((TOTAL_LOST + lost)); TOTAL_DUP=$((TOTAL_DUP + dup)); RAN=$((RAN + 1))
  [ "$ok" = "$trials" ] && [ "$lost" = 0 ] && [ "$dup" = 0 ] || BAD=$((BAD + 1))
  echo "scenario $x: trials $trials, rows lost $lost, duplicated $dup (ok $ok, resumed or retried $retried${note:+; $note})"
}

scenario_a() {
  local conf; conf=$(sweep_file a)
  submit_bg "$FAULTS/a/driver.log" sweep --file "$conf" --report none
  wait_for_checkpoint "$FAULTS/a/results" fault-a || log "a: no checkpoint appeared"
  log "a: kill -9 worker 1 (PID ${WORKER_PIDS[1]}) mid-trial"
  kill -9 "${WORKER_PIDS[1]}"
  wait "$DRIVER_SHELL"; local rc=$?
  cluster_worker 1; cluster_wait_alive "$WORKERS" || log "a: worker 1 did not come back"
  audit_line a "$conf" "sweep exit $rc, worker 1 killed mid-trial"
}

scenario_b() {
  local conf; conf=$(sweep_file b)
  DRIVER_OPTS="-Dabasnn.leaseStaleSeconds=20" submit_bg "$FAULTS/b/driver-1.log" sweep --file "$conf" --report none
  wait_for_checkpoint "$FAULTS/b/results" fault-b || log "b: no checkpoint appeared"
  log "b: kill -9 driver (PID $DRIVER_PID) mid-sweep"
  kill -9 "$DRIVER_PID"; wait "$DRIVER_SHELL" 2>/dev/null
  DRIVER_OPTS="-Dabasnn.leaseStaleSeconds=20" cluster_submit sweep --file "$conf" --report none --lease-wait 120 \
    > "$FAULTS/b/driver-2.log" 2>&1; local rc=$?
  audit_line b "$conf" "driver killed mid-sweep, re-run exit $rc"
}

scenario_c() {
  local conf; conf=$(sweep_file c)
  submit_bg "$FAULTS/c/driver-1.log" sweep --file "$conf" --report none --lease-wait 900
  local first=$DRIVER_SHELL
  submit_bg "$FAULTS/c/driver-2.log" sweep --file "$conf" --report none --lease-wait 900
  local second=$DRIVER_SHELL
  wait "$first"; local rc1=$?
  wait "$second"; local rc2=$?
  audit_line c "$conf" "two drivers at once, exits $rc1 and $rc2"
}

# compare_runs A B: "epochs lost duplicated equal|DIFFERENT" of two runs' result.json
compare_runs() {
  python3 - "$1/result.json" "$2/result.json" <<'PY'
import json, sys
try:
    a, b = (json.load(open(p)) for p in sys.argv[1:3])
except (OSError, ValueError) as e:
    print("1 0 0 no-result"); sys.exit()
want = [e["epoch"] for e in a["epochs"]]
got = [e["epoch"] for e in b["epochs"]]
lost = len(set(want) - set(got)); dup = len(got) - len(set(got))
keys = ["trainLoss", "bitLoss", "testAccuracy", "bitBudget"]
same = a["testAccuracy"] == b["testAccuracy"] and all(
    x[k] == y[k] for x, y in zip(a["epochs"], b["epochs"]) for k in keys)
print(len(want), lost, dup, "equal" if same else "DIFFERENT")
PY
}

scenario_d() {
  mkdir -p "$FAULTS/d"
  local opts=(--network resnet20 --width 4 --dataset fashion-mnist --data-dir data/fashion-mnist --init 4/4/2
    --target 2/2/1 --epochs 6 --batch 64 --train-limit 1500 --test-limit 500 --penalty-scale 20 --t-lr 0.5
    --seed 7 --no-progress)
  java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.cli.Cli train "${opts[@]}" --out "$FAULTS/d/straight" \
    > "$FAULTS/d/straight.log" 2>&1
  local kills=0 during=0 resume=() pid waited
  for k in $(seq 1 8); do
    java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.cli.Cli train "${opts[@]}" --out "$FAULTS/d/killed" \
      "${resume[@]}" >> "$FAULTS/d/killed.log" 2>&1 &
    pid=$!
    resume=(--resume)
    # kill as a checkpoint is being written (its .tmp file exists), or after a random 5-25 s otherwise
    waited=0
    local limit=$((100 + RANDOM % 400))
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt "$limit" ]; do
      if compgen -G "$FAULTS/d/killed/*.tmp" > /dev/null; then during=$((during + 1)); break; fi
      sleep 0.05; waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; kills=$((kills + 1)); fi
    wait "$pid" 2>/dev/null
  done
  java "${JAVA_FLAGS[@]}" -cp "$CORE_CP" io.github.abasnn.cli.Cli train "${opts[@]}" --out "$FAULTS/d/killed" \
    --resume >> "$FAULTS/d/killed.log" 2>&1; local rc=$?
  local verdict
  verdict=$(compare_runs "$FAULTS/d/straight" "$FAULTS/d/killed")
  read -r n lost dup same <<< "$verdict"
  TOTAL_LOST=$((TOTAL_LOST + lost)); TOTAL_DUP=$((TOTAL_DUP + dup)); RAN=$((RAN + 1))
  [ "$lost" = 0 ] && [ "$dup" = 0 ] && [ "$same" = equal ] && [ "$rc" = 0 ] || BAD=$((BAD + 1))
  echo "scenario d: trials 1, rows lost $lost, duplicated $dup (epochs $n; $kills kills, $during during a checkpoint" \
    "write; resumed result $same to the uninterrupted run's, final exit $rc)"
}

scenario_f() {
  mkdir -p "$FAULTS/f"
  local opts=(train --workers 2 --averaging-frequency 2 -- --network resnet20 --width 4 --dataset fashion-mnist
    --data-dir data/fashion-mnist --init 4/4/2 --target 2/2/1 --epochs 2 --batch 64 --train-limit 3000
    --test-limit 500 --penalty-scale 20 --seed 7 --no-progress)
  cluster_submit "${opts[@]}" --out "$FAULTS/f/straight" > "$FAULTS/f/straight.log" 2>&1
  submit_bg "$FAULTS/f/killed.log" "${opts[@]}" --out "$FAULTS/f/killed"
  for _ in $(seq 1 600); do # the first epoch's barrier stage starts after the executors are prepared
    grep -q "networks ready on the executors" "$FAULTS/f/killed.log" && break
    sleep 0.2
  done
  sleep 4
  local executor; executor=$(pgrep -P "${WORKER_PIDS[1]}" -f CoarseGrainedExecutorBackend | head -1)
  log "f: kill -9 executor $executor (worker 1) mid-epoch"
  [ -n "$executor" ] && kill -9 "$executor"
  wait "$DRIVER_SHELL"; local rc=$?
  local retried; retried=$(grep -c "the epoch again from its start" "$FAULTS/f/killed.log")
  read -r n lost dup same <<< "$(compare_runs "$FAULTS/f/straight" "$FAULTS/f/killed")"
  TOTAL_LOST=$((TOTAL_LOST + lost)); TOTAL_DUP=$((TOTAL_DUP + dup)); RAN=$((RAN + 1))
  [ "$lost" = 0 ] && [ "$dup" = 0 ] && [ "$same" = equal ] && [ "$rc" = 0 ] && [ -n "$executor" ] || BAD=$((BAD + 1))
  echo "scenario f: trials 1, rows lost $lost, duplicated $dup (epochs $n; executor ${executor:-none found} killed," \
    "epoch re-runs $retried; result $same to the uninterrupted run's, exit $rc)"
}

scenario_e() {
  mkdir -p "$FAULTS/e/data"
  cp -L data/fashion-mnist/* "$FAULTS/e/data/"
  local images="$FAULTS/e/data/train-images-idx3-ubyte.gz"
  cp "$images" "$FAULTS/e/images.good"
  head -c 200000 "$FAULTS/e/images.good" > "$images" # a truncated download
  local conf; conf=$(sweep_file e "$FAULTS/e/data")
  cluster_submit sweep --file "$conf" --report none > "$FAULTS/e/driver-1.log" 2>&1; local rc1=$?
  local named; named=$(grep -c "train-images-idx3-ubyte.gz" "$FAULTS/e/driver-1.log")
  cp "$FAULTS/e/images.good" "$images"
  cluster_submit sweep --file "$conf" --report none > "$FAULTS/e/driver-2.log" 2>&1; local rc2=$?
  # a torn file in trials (one trial of the sweep) and in epochs (another)
  local ids t e
  mapfile -t ids < <(cluster_submit sweep --file "$conf" --dry-run 2>/dev/null | awk 'NR > 1 {print $1}')
  t=$(find "$FAULTS/e/results/trials/sweep=fault-e/trial_id=${ids[0]}" -name '*.parquet' | head -1)
  e=$(find "$FAULTS/e/results/epochs/sweep=fault-e/trial_id=${ids[1]}" -name '*.parquet' | head -1)
  printf 'PAR1\0\0\0\0torn' > "$t"; printf 'PAR1\0\0\0\0torn' > "$e"
  local readable
  readable=$(cluster_submit sql --results "$FAULTS/e/results" --format csv \
    "SELECT count(*) AS n FROM trials WHERE sweep = 'fault-e' AND status = 'ok'" 2>"$FAULTS/e/sql.err" | tail -1)
  cluster_submit sweep --file "$conf" --report none > "$FAULTS/e/driver-3.log" 2>&1; local rc3=$?
  audit_line e "$conf" "corrupt data: exit $rc1, reason names the file in $named lines; fixed: exit $rc2; torn trials + epochs files: store read ${readable:-?} ok trials, repair exit $rc3"
}

trap cluster_stop EXIT
cluster_start || exit 1
for s in "${SCENARIOS[@]}"; do
  log "scenario $s"
  "scenario_$s"
done
echo "faults: $RAN scenarios, lost $TOTAL_LOST, duplicated $TOTAL_DUP"
[ "$BAD" = 0 ]
