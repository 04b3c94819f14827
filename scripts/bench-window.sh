#!/usr/bin/env bash
# The window's start-up time and memory against a bare Tauri hello-world
# window built in the same run (bench/hello-window), under Xvfb: the median of
# RUNS launches each. "Ready" is the window's first call into Rust, made as
# the Welcome screen's login box is drawn; memory is the proportional set
# size (PSS) summed over the app and its WebKit processes, 3 s after ready.
# A launch that never gets ready within 20 s fails the script (no NaN is
# ever reported). Also prints the app's start-up steps from its log (the
# tracing spans of src-tauri/src/startup.rs), medians over the launches.
# Writes the figures to stdout; docs/performance.md keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
target=${CARGO_TARGET_DIR:-$PWD/target}

if [ "${1:-}" != --measure ]; then
  cargo build --release -p ssa-desktop
  cp Cargo.lock bench/hello-window/Cargo.lock
  (cd bench/hello-window && CARGO_TARGET_DIR=$target cargo build --release)
  # Measure under a virtual display and a private keyring, as the tests run.
  exec xvfb-run -a -s "-screen 0 1280x900x24" scripts/with-keyring.sh "$0" --measure
fi

pss_tree() { # sum PSS (kB) over a process and its descendants
  local pids=("$1") all=() p
  while [ ${#pids[@]} -gt 0 ]; do
    p=${pids[0]}; pids=("${pids[@]:1}"); all+=("$p")
    for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do pids+=("$c"); done
  done
  local total=0 v
  for p in "${all[@]}"; do
    v=$(awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

measure() { # binary -> "ready_ms pss_kb"; fails when the window never gets ready
  local bin=$1 data log pid ready
  data=$(mktemp -d); log=$data/log
  : >"$log"
  SSA_DATA_DIR=$data SSA_BENCH_T0=$(date +%s%3N) "$bin" 2>"$log" &
  pid=$!
  for _ in $(seq 1 200); do
    ready=$(awk '/bench-ready-ms/ {print $2}' "$log")
    [ -n "$ready" ] && break
    sleep 0.1
  done
  if [ -z "$ready" ]; then
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "bench-window: $(basename "$bin") never got ready in 20 s (no first call from its window); its stderr:" >&2
    tail -n 20 "$log" >&2
    rm -rf "$data"
    return 1
  fi
  sleep 3
  echo "$ready $(pss_tree "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  # The app's own start-up steps, for the medians below.
  if [ -d "$data/logs" ]; then
    cat "$data"/logs/* >>/tmp/bench-app-steps 2>/dev/null || true
  fi
  rm -rf "$data"
}

steps() { # median busy+idle time of each start-up span, and the two milestones
  local span what
  for span in keyring.database_password store.open_and_migrate pepper audit.seal decoy_hash ssa.open fluent.bundles; do
    grep -E "[: ]$span: .*close time" /tmp/bench-app-steps 2>/dev/null |
      sed -E 's/.*time.busy=([0-9.]+)(ns|µs|ms|s) time.idle=([0-9.]+)(ns|µs|ms|s).*/\1 \2 \3 \4/' |
      awk 'function ms(v, u) { return u == "ns" ? v / 1e6 : (u == "µs" ? v / 1000 : (u == "s" ? v * 1000 : v)) }
           { print ms($1, $2) + ms($3, $4) }' |
      sort -n | awk -v span="$span" '{a[NR]=$1} END { if (NR) printf "  %-30s %7.1f ms\n", span, a[int((NR+1)/2)] }'
  done
  for what in "the service layer is ready" "the window made its first call"; do
    grep "$what" /tmp/bench-app-steps 2>/dev/null | sed -E 's/.*ms_since_launch=([0-9]+).*/\1/' |
      sort -n | awk -v what="$what" '{a[NR]=$1} END { if (NR) printf "  %-30s %7d ms after launch\n", what, a[int((NR+1)/2)] }'
  done
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run_all() {
  local app=$target/release/ssa-desktop hello=$target/release/hello-window
  : >/tmp/bench-app; : >/tmp/bench-hello; : >/tmp/bench-app-steps
  for _ in $(seq 1 "$RUNS"); do
    measure "$app" >>/tmp/bench-app || exit 1
    measure "$hello" >>/tmp/bench-hello || exit 1
  done
  local ar hr am hm
  ar=$(cut -d' ' -f1 /tmp/bench-app | median); hr=$(cut -d' ' -f1 /tmp/bench-hello | median)
  am=$(cut -d' ' -f2 /tmp/bench-app | median); hm=$(cut -d' ' -f2 /tmp/bench-hello | median)
  echo "runs: $RUNS (medians)"
  echo "ready:  ssa-desktop ${ar} ms, hello-window ${hr} ms, ratio $(awk "BEGIN {printf \"%.2f\", $ar/$hr}") (goal <= 1.05)"
  echo "PSS:    ssa-desktop ${am} kB, hello-window ${hm} kB, ratio $(awk "BEGIN {printf \"%.2f\", $am/$hm}") (goal <= 1.2)"
  echo "binary: ssa-desktop $(stat -c %s "$app") bytes (goal < 15 MB), hello-window $(stat -c %s "$hello") bytes"
  echo "start-up steps of ssa-desktop (medians; each span's busy + idle time):"
  steps
}
run_all
