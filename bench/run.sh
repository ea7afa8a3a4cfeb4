#!/usr/bin/env bash
# Side by side with peers (issue 9): LoadGrid (both transports) next to wrk, hey and autocannon, on the same nginx,
# in the same run. nginx (one worker) is pinned to core 0, every generator to core 1; 64 keep-alive connections
# (VUs), GET /ok (a 2-byte static response), no think time. Median of REPEATS runs of SECONDS each.
#
# CPU per request = user+sys of the generator process (GNU time) ÷ the requests the tool itself reports.
# A second pass measures the steady state of every tool the same way: CPU over a window after a warm-up (from /proc)
# ÷ the requests nginx served in that window (LOADGRID_BENCH_WARM, LOADGRID_BENCH_WINDOW; 10 s each by default).
# LoadGrid runs with full VU semantics (a `${vu}` template in the URL, a status check, per-step histograms); its
# start-up and shut-down CPU is measured by a run of one iteration per VU and subtracted (as
# bench/cpu-per-request.sh does). wrk (C), hey (Go) and autocannon (Node) are not corrected: their CPU includes
# their own (small) start-up. Peak RSS is GNU time's maximum resident set size of the generator process.
#
# Installs what is missing: nginx-light, wrk, hey, time from Debian; autocannon from npm into bench/.tools
# (gitignored) unless `autocannon` is on PATH. Only 127.0.0.1 is targeted; every load loop is bounded in time
# (the tool's duration and an outer `timeout`) and in count (hey: -n, sized from a calibration run and then from
# each run's own rate so that a run lasts about SECONDS).
#
# Usage: bench/run.sh [seconds=10] [repeats=3]    (prints a Markdown section on stdout, per-run figures on stderr)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
REPEATS=${2:-3}
CONNECTIONS=64
LIMIT=$((SECONDS_PER_RUN * 4 + 60)) # outer bound on any one generator process, in seconds

if ! command -v hey >/dev/null 2>&1; then apt-get update -qq && apt-get install -y -qq hey >/dev/null; fi
if command -v autocannon >/dev/null 2>&1; then
  autocannon=(autocannon)
else
  if [ ! -x bench/.tools/node_modules/.bin/autocannon ]; then
    mkdir -p bench/.tools && npm install --silent --no-audit --no-fund --prefix bench/.tools autocannon >/dev/null
  fi
  autocannon=(node bench/.tools/node_modules/autocannon/autocannon.js)
fi

started=$(date -u "+%Y-%m-%d %H:%M UTC")
source bench/lib.sh
url="http://127.0.0.1:$port/ok"
TEMPLATED_PATH='/ok?vu=${vu}' # LoadGrid renders a template per request

# timed OUT CMD… : runs CMD on core 1 under GNU time, stdout to OUT; leaves "user sys maxrss_kb" in $work/time
timed() {
  local out=$1; shift
  /usr/bin/time -f "%U %S %M" -o "$work/time" timeout "$LIMIT" taskset -c 1 "$@" > "$out"
}
cpu_of() { awk '{print $1 + $2}' "$work/time"; }
rss_of() { awk '{print $3}' "$work/time"; } # KB
per_req() { python3 -c "print($1 / $2 * 1e6)"; }

loadgrid() { # TRANSPORT -> "µs/req requests rss_kb"; start-up subtracted
  local transport=$1 base_cpu base_requests full_cpu full_requests rss
  scenario "    executor: per-vu-iterations
    vus: $CONNECTIONS
    iterations: 1" "$TEMPLATED_PATH"
  LOADGRID_HTTP_TRANSPORT=$transport timed /dev/null dotnet "$cli" run "$work/bench.yaml" --no-progress --summary-json "$work/s.json"
  base_cpu=$(cpu_of); base_requests=$(summary_field "$work/s.json" "s['totals']['requests']")
  scenario "    executor: constant-vus
    vus: $CONNECTIONS
    duration: ${SECONDS_PER_RUN}s" "$TEMPLATED_PATH"
  LOADGRID_HTTP_TRANSPORT=$transport timed /dev/null dotnet "$cli" run "$work/bench.yaml" --no-progress --summary-json "$work/s.json"
  full_cpu=$(cpu_of); rss=$(rss_of); full_requests=$(summary_field "$work/s.json" "s['totals']['requests']")
  local failed checks_failed
  failed=$(summary_field "$work/s.json" "s['totals']['failed']"); checks_failed=$(summary_field "$work/s.json" "s['totals']['checksFailed']")
  [ "$failed" = 0 ] && [ "$checks_failed" = 0 ] || echo "warning: loadgrid $transport: $failed failed, $checks_failed checks failed" >&2
  echo "$(python3 -c "print(($full_cpu - $base_cpu) / ($full_requests - $base_requests) * 1e6)") $full_requests $rss $base_cpu"
}

# hey is bounded by count (-n): size it once from a short calibration run so that a run lasts about SECONDS.
hey_requests() { # hey's own count: every response in its status code distribution plus its error lines
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
ok = sum(int(n) for n in re.findall(r'^\s*\[\d+\]\s+(\d+) responses', text, re.M))
tail = text.split('Error distribution:')[1] if 'Error distribution:' in text else ''
err = sum(int(n) for n in re.findall(r'^\s*\[(\d+)\]\s', tail, re.M))
print(ok + err)
PY
}
timed "$work/hey.txt" hey -n 20000 -c $CONNECTIONS -cpus 1 -disable-compression "$url"
hey_rate=$(awk '/Requests\/sec:/ {print $2}' "$work/hey.txt")
HEY_N=$(python3 -c "print(max($CONNECTIONS * 10, int($hey_rate * $SECONDS_PER_RUN) // $CONNECTIONS * $CONNECTIONS))")
echo "hey calibration: $hey_rate req/s -> -n $HEY_N" >&2

declare -A cpu rss requests
tools=(wrk hey autocannon loadgrid-sockets loadgrid-lean)
for i in $(seq "$REPEATS"); do
  timed "$work/wrk.txt" wrk -t1 -c$CONNECTIONS -d${SECONDS_PER_RUN}s "$url"
  n=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  cpu[wrk]+="$(per_req "$(cpu_of)" "$n") "; rss[wrk]+="$(rss_of) "; requests[wrk]+="$n "

  timed "$work/hey.txt" hey -n "$HEY_N" -c $CONNECTIONS -cpus 1 -disable-compression "$url"
  n=$(hey_requests "$work/hey.txt")
  cpu[hey]+="$(per_req "$(cpu_of)" "$n") "; rss[hey]+="$(rss_of) "; requests[hey]+="$n "
  echo "run $i: hey -n $HEY_N took $(awk '/Total:/ {print $2}' "$work/hey.txt") s" >&2
  hey_rate=$(awk '/Requests\/sec:/ {print $2}' "$work/hey.txt") # the next run's -n, from this run's rate
  HEY_N=$(python3 -c "print(max($CONNECTIONS * 10, int($hey_rate * $SECONDS_PER_RUN) // $CONNECTIONS * $CONNECTIONS))")

  timed "$work/ac.json" "${autocannon[@]}" -c $CONNECTIONS -d "$SECONDS_PER_RUN" --json "$url"
  n=$(python3 -c "import json; print(json.load(open('$work/ac.json'))['requests']['total'])")
  cpu[autocannon]+="$(per_req "$(cpu_of)" "$n") "; rss[autocannon]+="$(rss_of) "; requests[autocannon]+="$n "

  for transport in sockets lean; do
    read -r us n r startup < <(loadgrid "$transport")
    cpu[loadgrid-$transport]+="$us "; rss[loadgrid-$transport]+="$r "; requests[loadgrid-$transport]+="$n "
    echo "run $i: loadgrid $transport start-up ${startup}s CPU" >&2
  done
  line="run $i:"
  for t in "${tools[@]}"; do
    read -r -a c <<< "${cpu[$t]}"; read -r -a q <<< "${requests[$t]}"
    line+=" $t $(printf '%.1f' "${c[-1]}") µs (${q[-1]} req) ·"
  done
  echo "${line% ·}" >&2
done

# Steady state: each generator runs WARM + WINDOW + 2 s; its CPU over the WINDOW after WARM ÷ nginx's requests in that
# window (bench/lib.sh steady_state). No start-up to subtract, for any tool, and LoadGrid's JIT tiering is mostly done.
WARM=${LOADGRID_BENCH_WARM:-10}; WINDOW=${LOADGRID_BENCH_WINDOW:-10}; LENGTH=$((WARM + WINDOW + 2))
declare -A steady rate
for i in $(seq "$REPEATS"); do
  for t in "${tools[@]}"; do
    # Started directly (no wrapper process), so $! is the generator whose /proc/PID/stat is read; a watchdog bounds it.
    case $t in
      wrk) taskset -c 1 wrk -t1 -c$CONNECTIONS -d${LENGTH}s "$url" >/dev/null & ;;
      hey) taskset -c 1 hey -z ${LENGTH}s -c $CONNECTIONS -cpus 1 -disable-compression "$url" >/dev/null & ;;
      autocannon) taskset -c 1 "${autocannon[@]}" -c $CONNECTIONS -d "$LENGTH" "$url" >/dev/null 2>&1 & ;;
      loadgrid-*)
        scenario "    executor: constant-vus
    vus: $CONNECTIONS
    duration: ${LENGTH}s" "$TEMPLATED_PATH"
        LOADGRID_HTTP_TRANSPORT=${t#loadgrid-} taskset -c 1 dotnet "$cli" run "$work/bench.yaml" --no-progress >/dev/null & ;;
    esac
    pid=$!
    (sleep "$LIMIT"; kill "$pid" 2>/dev/null) & watchdog=$!
    read -r us per_second < <(steady_state "$pid" "$WARM" "$WINDOW")
    wait "$pid" || true
    kill "$watchdog" 2>/dev/null || true
    steady[$t]+="$us "; rate[$t]+="$per_second "
  done
  line="steady run $i:"
  for t in "${tools[@]}"; do read -r -a c <<< "${steady[$t]}"; line+=" $t $(printf '%.1f' "${c[-1]}") µs ·"; done
  echo "${line% ·}" >&2
done

med() { tr ' ' '\n' <<< "$1" | grep . | median; }
wrk_median=$(med "${cpu[wrk]}")
label() {
  case $1 in
    wrk) echo "wrk -t1 -c$CONNECTIONS -d${SECONDS_PER_RUN}s (C)" ;;
    hey) echo "hey -n N -c $CONNECTIONS -cpus 1 -disable-compression (Go; N sized to ≈${SECONDS_PER_RUN} s from its last rate)" ;;
    autocannon) echo "autocannon -c $CONNECTIONS -d $SECONDS_PER_RUN (Node $(node --version))" ;;
    loadgrid-*) echo "LoadGrid constant-vus $CONNECTIONS, \`/ok?vu=\${vu}\`, status check, ${1#loadgrid-} transport" ;;
  esac
}
echo "Measured $started on $(nproc) cores, Linux $(uname -r); \`bash bench/run.sh $SECONDS_PER_RUN $REPEATS\`;"
echo "median of $REPEATS runs of ${SECONDS_PER_RUN} s each (per-run CPU in brackets)."
echo
steady_wrk=$(tr ' ' '\n' <<< "${steady[wrk]}" | grep . | median)
echo "| tool | CPU per request | vs wrk | steady state (${WINDOW} s after ${WARM} s) | vs wrk | requests (median) | peak RSS (median) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for t in "${tools[@]}"; do
  m=$(med "${cpu[$t]}")
  runs=$(tr ' ' '\n' <<< "${cpu[$t]}" | grep . | xargs printf '%.1f / ' | sed 's| / $||')
  sm=$(med "${steady[$t]}")
  sruns=$(tr ' ' '\n' <<< "${steady[$t]}" | grep . | xargs printf '%.1f / ' | sed 's| / $||')
  echo "| $(label "$t") | $(printf '%.1f' "$m") µs ($runs) | $(python3 -c "print(f'{$m / $wrk_median:.2f}')")× | $(printf '%.1f' "$sm") µs ($sruns), $(med "${rate[$t]}" | xargs printf '%.0f')/s | $(python3 -c "print(f'{$sm / $steady_wrk:.2f}')")× | $(med "${requests[$t]}" | xargs printf '%.0f') | $(python3 -c "print(f'{$(med "${rss[$t]}") / 1024:.1f}')") MB |"
done
