#!/usr/bin/env bash
# Memory per virtual user, and a million VUs on one node.
#  1. In-process (bench/VuMemory, the worker's real code path minus Cluster.Sharding): N VUs each send one GET /ok to
#     nginx on 127.0.0.1 through a shared pool of 64 connections, then sit in a 60 s think time. Bytes per VU =
#     (managed heap after a full GC, and RSS) with VUs − the same process before any VU, ÷ N. Also: a bare actor (the
#     floor Akka.NET sets, on Akka's default mailbox and on the VU's), and how long a hard stop of the N takes.
#  2. With its own kept-alive connection: 10,000 VUs whose first request waits 3 s at the demo target, so every
#     VU opens its own socket (no gate), which the pool keeps open while the VU thinks.
#  3. End to end: `loadgrid run` of a ramping-vus scenario to 1,000,000 VUs in 60 s, held 30 s, flow GET /ok then
#     think 60s, with VmRSS and open files sampled each second; requests and iterations against the plan.
# Every load is bounded (N VUs, one request each or a 90 s run) and goes to 127.0.0.1 only.
# Usage: bench/vu-memory.sh [inprocess|own|e2e|all=all] [max VUs in-process=1000000]
# About 6 min on 2 cores (the 1M in-process and e2e parts are most of it).
set -euo pipefail
cd "$(dirname "$0")/.."
PART=${1:-all}
MAX=${2:-1000000}
source bench/lib.sh
dotnet build bench/VuMemory -c Release -v q -nologo >/dev/null
bin=bench/VuMemory/bin/Release/net10.0/VuMemory.dll
target="http://127.0.0.1:$port"

echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(uname -r), open-files limit $(ulimit -n)"

if [[ $PART == all || $PART == inprocess ]]; then
  for mode in bare-default-mailbox bare; do dotnet "$bin" --mode "$mode" --vus 100000 | grep RESULT | sed "s/^/$mode 100000: /"; done
  for n in 10000 100000 $MAX; do
    [[ $n -gt $MAX ]] && continue
    dotnet "$bin" --mode vu --vus "$n" --target "$target" --connections 64 | sed "s/^/vu $n: /"
  done
fi

if [[ $PART == all || $PART == own ]]; then
  tport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  taskset -c 0 dotnet "$cli" target --port "$tport" >"$work/target.log" 2>&1 &
  tpid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$tport/ok" >/dev/null && break; sleep 0.2; done
  dotnet "$bin" --mode vu --vus 10000 --target "http://127.0.0.1:$tport" --path /delay/3000 --connections 0 | sed "s/^/own-connection 10000: /"
  kill "$tpid" 2>/dev/null || true
fi

if [[ $PART == all || $PART == e2e ]]; then
  cat > "$work/million.yaml" <<YAML
name: vu-memory-1m
baseUrl: $target
scenarios:
  idle:
    executor: ramping-vus
    startVUs: 0
    stages: [ { duration: 60s, target: 1000000 }, { duration: 30s, target: 1000000 } ]
    gracefulStop: 0s
    flow:
      - get: /ok
      - think: 60s
YAML
  dotnet "$cli" run "$work/million.yaml" --no-progress --summary-json "$work/million.json" >"$work/run.log" 2>&1 &
  rpid=$!
  start=$(date +%s)
  : >"$work/samples"
  while kill -0 "$rpid" 2>/dev/null && [ $(( $(date +%s) - start )) -lt 400 ]; do
    rss=$(awk '/VmRSS/ {print $2}' /proc/$rpid/status 2>/dev/null || echo 0)
    fds=$(ls /proc/$rpid/fd 2>/dev/null | wc -l)
    echo "$(( $(date +%s) - start )) $rss $fds" >>"$work/samples"
    sleep 1
  done
  kill "$rpid" 2>/dev/null || true
  wait "$rpid" 2>/dev/null || true
  python3 - "$work/samples" "$work/million.json" <<'PY' || true
import json, os, sys
# A line sampled as the process exited lacks its RSS: skipped.
samples = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if len(l.split()) == 3]
if not samples:
    sys.exit("e2e 1M: no samples (the run ended at once: see the log below)")
peak = max(samples, key=lambda s: s[1])
fds = max(s[2] for s in samples)
print(f"e2e 1M: peak VmRSS {peak[1]/1048576:.2f} GiB at {peak[0]} s after start; peak open files {fds}; process ran {samples[-1][0]} s")
if os.path.exists(sys.argv[2]):
    s = json.load(open(sys.argv[2]))
    t = s["totals"]
    # Planned: each of the 1M VUs (spawned evenly over 60 s) sends at spawn and again 60 s later if that is before 90 s.
    print(f"e2e 1M: requests {t['requests']} (planned 1,500,000), failed {t['failed']}, iterations {t['iterations']} (planned 500,000), rps {t['rps']:.0f}, p99 {t['latencyMs']['p99']:.1f} ms, status {s['status']}, duration {s['durationSeconds']:.1f} s")
else:
    print("e2e 1M: no summary (the run did not finish in 400 s)")
PY
  tail -5 "$work/run.log" | sed 's/^/e2e log: /'
fi
