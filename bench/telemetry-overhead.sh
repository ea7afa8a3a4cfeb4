#!/usr/bin/env bash
# Telemetry's CPU in-process (bench/TelemetryOverhead): the flow runner per iteration with tracing off / 0.01 / 1,
# and IntervalTelemetry.Record per request with no exporter and with the OpenTelemetry SDK collecting. Pinned to
# one core. Prints a Markdown table (per-repeat figures on stderr); append it to docs/benchmarks.md.
# Usage: bench/telemetry-overhead.sh [repeats=5]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/TelemetryOverhead -c Release -v q -nologo >/dev/null
taskset -c 1 dotnet bench/TelemetryOverhead/bin/Release/net10.0/TelemetryOverhead.dll --repeats "${1:-5}"
