#!/usr/bin/env bash
# Open-model throughput of one shard on one core: constant-arrival-rate against nginx (core 0) with the generator
# pinned to core 1, at rising rates; prints achieved/target (goal ≥ 99.5 %) and dropped iterations for each.
# Usage: bench/open-model-rate.sh [seconds=5] [rates="1000 5000 10000 20000 40000"]
# LOADGRID_BENCH_CLI measures another build's loadgrid.dll (an A/B).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-5}
RATES=${2:-"1000 5000 10000 20000 40000"}
source bench/lib.sh

echo "| date | rate (/s) | achieved / target | dropped | p50 | p99 |"
echo "| --- | --- | --- | --- | --- | --- |"
for rate in $RATES; do
  cat > "$work/rate.yaml" <<YAML
name: rate-$rate
baseUrl: http://127.0.0.1:$port
scenarios:
  arrivals:
    executor: constant-arrival-rate
    rate: $rate
    duration: ${SECONDS_PER_RUN}s
    preAllocatedVUs: 500
    maxVUs: 5000
    flow:
      - get: /ok
YAML
  taskset -c 1 dotnet "${LOADGRID_BENCH_CLI:-$cli}" run "$work/rate.yaml" --no-progress --summary-json "$work/r.json" >/dev/null || true
  target=$((rate * SECONDS_PER_RUN))
  echo "| $(date -u +%Y-%m-%d) | $rate | $(summary_field "$work/r.json" "f\"{s['totals']['iterations'] / $target * 100:.2f} %\"") | $(summary_field "$work/r.json" "s['totals']['droppedIterations']") | $(summary_field "$work/r.json" "f\"{s['totals']['latencyMs']['p50']:.2f} ms\"") | $(summary_field "$work/r.json" "f\"{s['totals']['latencyMs']['p99']:.2f} ms\"") |"
done
