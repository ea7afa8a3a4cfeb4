#!/usr/bin/env bash
# Generator CPU per request: LoadGrid next to wrk, on the same nginx, in the same run.
# nginx is pinned to core 0, the generator to core 1; 64 keep-alive connections / VUs, no think time, GET /ok.
# CPU = user+sys seconds of the generator process (GNU time); LoadGrid's start-up and shut-down are measured by a
# run with one request per VU and subtracted. Prints a Markdown table row set; append it to docs/benchmarks.md.
# Usage: [LOADGRID_HTTP_TRANSPORT=lean|sockets] bench/cpu-per-request.sh [seconds=10] [repeats=3]
# (the variable reaches LoadGrid's process and picks its HTTP transport; the default is lean)
# LOADGRID_BENCH_RUN_ARGS adds options to LoadGrid's run, e.g. "--metrics-port 19464" or "--trace-sample 0.01"
# (telemetry overhead, docs/benchmarks.md); LOADGRID_BENCH_CLI measures another build's loadgrid.dll.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
REPEATS=${2:-3}
CONNECTIONS=64
TRANSPORT=${LOADGRID_HTTP_TRANSPORT:-lean}
read -r -a RUN_ARGS <<< "${LOADGRID_BENCH_RUN_ARGS:-}"
export LOADGRID_HTTP_TRANSPORT=$TRANSPORT

source bench/lib.sh

cpu_of() { awk '{print $1 + $2}' "$1"; }

loadgrid_run() { # -> "cpu requests"
  /usr/bin/time -f "%U %S" -o "$work/time" taskset -c 1 dotnet "${LOADGRID_BENCH_CLI:-$cli}" run "$work/bench.yaml" --no-progress --summary-json "$work/s.json" ${RUN_ARGS[@]+"${RUN_ARGS[@]}"} >/dev/null
  echo "$(cpu_of "$work/time") $(summary_field "$work/s.json" "s['totals']['requests']")"
}

wrk_cpu=(); lg_cpu=()
for i in $(seq "$REPEATS"); do
  /usr/bin/time -f "%U %S" -o "$work/time" taskset -c 1 wrk -t1 -c$CONNECTIONS -d${SECONDS_PER_RUN}s "http://127.0.0.1:$port/ok" > "$work/wrk.txt"
  wrk_requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  wrk_cpu+=("$(python3 -c "print($(cpu_of "$work/time") / $wrk_requests * 1e6)")")

  scenario "    executor: per-vu-iterations
    vus: $CONNECTIONS
    iterations: 1"
  read -r base_cpu base_requests < <(loadgrid_run)
  scenario "    executor: constant-vus
    vus: $CONNECTIONS
    duration: ${SECONDS_PER_RUN}s"
  read -r full_cpu full_requests < <(loadgrid_run)
  lg_cpu+=("$(python3 -c "print(($full_cpu - $base_cpu) / ($full_requests - $base_requests) * 1e6)")")
  echo "run $i: wrk ${wrk_cpu[-1]} µs/req ($wrk_requests req) · loadgrid ${lg_cpu[-1]} µs/req ($full_requests req, start-up ${base_cpu}s CPU)" >&2
done

wrk_median=$(printf '%s\n' "${wrk_cpu[@]}" | median)
lg_median=$(printf '%s\n' "${lg_cpu[@]}" | median)
echo "| $(date -u +%Y-%m-%d) | $(nproc) cores, $(uname -r) | wrk -t1 -c$CONNECTIONS | $(printf '%.1f' "$wrk_median") µs | 1.00× |"
echo "| $(date -u +%Y-%m-%d) | $(nproc) cores, $(uname -r) | loadgrid constant-vus $CONNECTIONS, check, $TRANSPORT transport${LOADGRID_BENCH_RUN_ARGS:+, ${LOADGRID_BENCH_RUN_ARGS}} | $(printf '%.1f' "$lg_median") µs | $(python3 -c "print(f'{$lg_median / $wrk_median:.2f}')")× |"
