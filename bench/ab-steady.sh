#!/usr/bin/env bash
# Steady-state generator CPU per request of two LoadGrid builds, alternated, next to wrk in the same run:
# an A/B for a hot-path change. nginx on core 0, the generator on core 1, 64 VUs / connections, GET /ok with a status
# check; CPU over a WINDOW that starts WARM seconds into the run ÷ nginx's requests in it (bench/lib.sh steady_state).
# Usage: bench/ab-steady.sh A.dll B.dll [repeats=4]   (LOADGRID_BENCH_WARM, LOADGRID_BENCH_WINDOW: seconds, 8 and 10)
# AB_ENV_A / AB_ENV_B: "NAME=VALUE …" for one side only, to A/B a runtime setting on one build (A.dll = B.dll).
# Build A from another worktree, e.g. git worktree add /tmp/base HEAD~1 && dotnet build /tmp/base/src/LoadGrid.Cli -c Release.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1; B=$2; REPEATS=${3:-4}
WARM=${LOADGRID_BENCH_WARM:-8}; WINDOW=${LOADGRID_BENCH_WINDOW:-10}; LENGTH=$((WARM + WINDOW + 2))
source bench/lib.sh
scenario "    executor: constant-vus
    vus: 64
    duration: ${LENGTH}s"

measure() { # COMMAND… -> "µs-per-request requests-per-second"
  "$@" >/dev/null 2>&1 &
  local pid=$!
  (sleep $((LENGTH + 60)); kill "$pid" 2>/dev/null) & local watchdog=$!
  steady_state "$pid" "$WARM" "$WINDOW"
  wait "$pid" || true
  kill "$watchdog" 2>/dev/null || true
  sleep 5 # the sockets of one generator are gone before the next starts
}

declare -A us
for i in $(seq "$REPEATS"); do
  read -r w _ < <(measure taskset -c 1 wrk -t1 -c64 -d${LENGTH}s "http://127.0.0.1:$port/ok")
  # A before B in odd runs, B before A in even ones: whatever drifts through a run falls on both alike.
  if (( i % 2 )); then
    read -r a ra < <(measure env ${AB_ENV_A:-} taskset -c 1 dotnet "$A" run "$work/bench.yaml" --no-progress)
    read -r b rb < <(measure env ${AB_ENV_B:-} taskset -c 1 dotnet "$B" run "$work/bench.yaml" --no-progress)
  else
    read -r b rb < <(measure env ${AB_ENV_B:-} taskset -c 1 dotnet "$B" run "$work/bench.yaml" --no-progress)
    read -r a ra < <(measure env ${AB_ENV_A:-} taskset -c 1 dotnet "$A" run "$work/bench.yaml" --no-progress)
  fi
  us[wrk]+="$w "; us[A]+="$a "; us[B]+="$b "
  printf 'run %d: wrk %.1f µs · A %.1f µs (%.0f/s) · B %.1f µs (%.0f/s)\n' "$i" "$w" "$a" "$ra" "$b" "$rb"
done
med() { tr ' ' '\n' <<< "$1" | grep . | median; }
w=$(med "${us[wrk]}"); a=$(med "${us[A]}"); b=$(med "${us[B]}")
python3 -c "print(f'median: wrk {$w:.1f} µs · A {$a:.1f} µs ({$a/$w:.2f}× wrk) · B {$b:.1f} µs ({$b/$w:.2f}× wrk) · B/A {$b/$a:.3f}')"
echo "A = ${AB_ENV_A:+$AB_ENV_A }$A, B = ${AB_ENV_B:+$AB_ENV_B }$B; $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -r)"
