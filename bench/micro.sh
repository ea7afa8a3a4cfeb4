#!/usr/bin/env bash
# Micro-benchmarks of the generator's hot pieces (BenchmarkDotNet, bench/Micro): per-sample recording into a
# shard's metrics, template rendering, check evaluation and extraction, interval encode/decode and the
# coordinator's merge. Every benchmark reports its mean time and the bytes it allocates per operation.
# The default job is BenchmarkDotNet's ShortRun (1 launch, 3 warm-up, 3 measured iterations): the whole suite
# takes a few minutes on 2 cores. Results also land in BenchmarkDotNet.Artifacts/results/ (gitignored).
# Usage: bench/micro.sh [filter='*'] [more BenchmarkDotNet options, e.g. --job medium]
#   bench/micro.sh '*Recording*'
set -euo pipefail
cd "$(dirname "$0")/.."
filter=${1:-*}
shift || true
exec dotnet run -c Release --project bench/Micro -- --filter "$filter" --artifacts bench/Micro/BenchmarkDotNet.Artifacts "$@"
