#!/usr/bin/env bash
# Coordinator merge cost: CPU and memory of RunCoordinatorActor's work on 1 s intervals (IntervalCodec.Decode +
# RunAggregator.Add per shard per second, RunAggregator.Progress once a second, BuildSummary at the end) for 10, 100
# and 1,000 simulated shards at 1,000 and 100,000 requests/s for the whole cluster. The senders' intervals are made
# (ShardMetrics + IntervalCodec.Encode) before the clock starts. One process per configuration, median of the repeats.
# Then the same with every interval delivered twice (a re-sent (shard, seq)), and where RunAggregator.Add's time goes.
# Prints Markdown tables (per-run figures go to stderr). About 70 s on 2 cores (up to 2 min on a busy machine).
# Usage: bench/coordinator-merge.sh [repeats=3]
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}

dotnet build bench/CoordinatorMerge -c Release -v q -nologo >/dev/null
bin=bench/CoordinatorMerge/bin/Release/net10.0/CoordinatorMerge.dll
merge() { dotnet "$bin" --repeats "$REPEATS" "$@"; }

# Simulated seconds per run: fewer for more shards (each interval costs the coordinator milliseconds). The memory
# probe is taken after second 3 or 4, once the per-second series holds its 3 open seconds.
rows=()
for shards in 10 100 1000; do
  case $shards in
    10) seconds=30 probe=4 ;;
    100) seconds=10 probe=4 ;;
    *) seconds=5 probe=3 ;;
  esac
  for rate in 1000 100000; do
    rows+=("$(merge --shards "$shards" --rate "$rate" --seconds "$seconds" --probe-at "$probe")")
  done
done
for rate in 1000 100000; do
  rows+=("$(merge --shards 10 --rate "$rate" --seconds 30 --duplicate)")
done

parts=()
for config in "1000 1000" "1000 100000" "10 100000"; do
  read -r shards rate <<<"$config"
  parts+=("$(dotnet "$bin" --shards "$shards" --rate "$rate" --seconds 10 --parts)")
done

echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(uname -r); CPU = process user+sys (Process.TotalProcessorTime), median of $REPEATS"
echo
echo "| shards | requests/s (cluster) | each interval sent | simulated s | payload per interval | CPU per simulated s | % of one core | CPU per interval | decode / Add per interval (thread) | allocated per s | gen2 GCs per s | peak RSS rise | aggregator heap at end | heap growth per s | Progress | BuildSummary | re-sent copy costs |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo
echo "| requests per shard-second | payload | RunAggregator.Add | MetricAggregate.Add (per step) | IterationAggregate.Add | SecondSeries.Add (run, region) | sum of the parts |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${parts[@]}"
