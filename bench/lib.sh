# Shared by the bench scripts: nginx on a free loopback port, pinned to core 0, serving GET /ok.
# Sets: work (a temp folder, removed on exit), port, cli (the built loadgrid.dll).
need() { command -v "$1" >/dev/null 2>&1; }
if ! need nginx || ! need wrk || [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq nginx-light wrk time >/dev/null
fi

work=$(mktemp -d)
trap 'kill $(cat "$work/nginx.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port backlog=4096;
    location /ok { return 200 "ok"; }
    location /nginx-status { stub_status; }
  }
}
CONF
taskset -c 0 nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/ok" >/dev/null && break; sleep 0.1; done

dotnet build src/LoadGrid.Cli -c Release -v q -nologo >/dev/null
cli="src/LoadGrid.Cli/bin/Release/net10.0/loadgrid.dll"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# scenario EXECUTOR-SETTINGS [PATH=/ok]: writes $work/bench.yaml, one step GET PATH with a status check, against nginx.
scenario() {
  cat > "$work/bench.yaml" <<YAML
name: bench
baseUrl: http://127.0.0.1:$port
scenarios:
  ok:
$1
    flow:
      - get: ${2:-/ok}
        name: ok
        check: { status: 200 }
YAML
}

# summary_field FILE PYTHON-EXPRESSION-ON-s
summary_field() { python3 -c "import json; s=json.load(open('$1')); print($2)"; }

# The requests nginx has served so far (stub_status), to count a generator's requests over a window of its run.
nginx_requests() { curl -s "http://127.0.0.1:$port/nginx-status" | awk 'NR==3 {print $3}'; }

# steady_state PID WARM WINDOW -> "µs-per-request requests-per-second": the process's CPU (user+sys from /proc) over
# WINDOW seconds that start WARM seconds after it, divided by the requests nginx served in the same window. Start-up,
# JIT and connection set-up fall before the window, so this is the per-request cost a long run converges to.
steady_state() {
  local pid=$1 ticks c1 c2 r1 r2
  ticks=$(getconf CLK_TCK)
  sleep "$2"
  c1=$(awk '{print $14 + $15}' "/proc/$pid/stat"); r1=$(nginx_requests)
  sleep "$3"
  c2=$(awk '{print $14 + $15}' "/proc/$pid/stat"); r2=$(nginx_requests)
  python3 -c "print(($c2 - $c1) / $ticks / max(1, $r2 - $r1 - 1) * 1e6, ($r2 - $r1) / $3)"
}
