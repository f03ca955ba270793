#!/usr/bin/env bash
# What open dashboards cost POST /work: the accept rate under wrk with no viewer, then with VIEWERS
# (default 100) clients following GET /work/events, each on a fresh server, in turn, ROUNDS times.
# 127.0.0.1 only, bounded in time. Prints each rate and the cost: 1 - (with viewers / without).
#   needs: wrk, curl (apt-get install -y wrk curl); uses the Release build (dotnet build -c Release)
set -euo pipefail
cd "$(dirname "$0")/.."
dll=$PWD/JobQueue.Dispatcher/bin/Release/net10.0/JobQueue.Dispatcher.dll
viewers=${VIEWERS:-100}
rounds=${ROUNDS:-3}
duration=${DURATION:-8}
port=18611

command -v wrk >/dev/null || { echo "dashboard.sh: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
[[ -f $dll ]] || dotnet build -c Release JobQueue.Dispatcher -v q >/dev/null

lua=$(mktemp --suffix .lua)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -f "$lua"
}
trap cleanup EXIT
cat >"$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "name=job&delay=1s"
LUA

# rate VIEWERS: POSTs answered per second on a fresh server (1000 workers, a queue of a million, as
# bench/http.sh measures it) while VIEWERS clients follow the dashboard's stream.
rate() {
  local server streams=() rps
  dotnet "$dll" --quiet -port "$port" -max_workers 1000 -max_queue_size 1000000 >/dev/null 2>&1 &
  server=$!
  pids+=("$server")
  for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$port/work" && break; sleep 0.05; done
  for ((v = 0; v < $1; v++)); do
    curl -sN --max-time $((duration + 10)) "http://127.0.0.1:$port/work/events" >/dev/null &
    streams+=($!)
    pids+=($!)
  done
  # Every viewer has had its first state before the clock starts.
  sleep 1
  rps=$(wrk -t2 -c64 -d"${duration}s" -s "$lua" "http://127.0.0.1:$port/work" | awk '/Requests\/sec/ {print $2}')
  kill "${streams[@]}" 2>/dev/null || true
  kill -TERM "$server"; kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  echo "$rps"
}

for ((r = 1; r <= rounds; r++)); do
  without=$(rate 0)
  with=$(rate "$viewers")
  awk -v a="$without" -v b="$with" -v v="$viewers" -v r="$r" \
    'BEGIN { printf "round %d: %.0f req/s without viewers, %.0f with %d: cost %.1f%%\n", r, a, b, v, 100 * (1 - b / a) }'
done
