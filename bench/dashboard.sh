#!/usr/bin/env bash
# What open dashboards cost POST /work: the accept rate under wrk with no viewer, then with VIEWERS
# (default 100) clients following GET /work/events, each on a fresh server, in turn, ROUNDS times.
# 127.0.0.1 only, bounded in time. Prints each rate and the cost, 1 - (with viewers / without), and
# the server's CPU time per request both ways, which other load on a shared machine blurs less.
# IDLE=1: the side without viewers keeps as many connections open on GET /work/1?wait=60s (a 10 s
# job) instead of none, to tell what the streams cost from what open connections do to the server.
#   needs: wrk, curl (apt-get install -y wrk curl); builds and uses the Release build
set -euo pipefail
cd "$(dirname "$0")/.."
dll=$PWD/JobQueue.Dispatcher/bin/Release/net10.0/JobQueue.Dispatcher.dll
viewers=${VIEWERS:-100}
idle=${IDLE:-0}
rounds=${ROUNDS:-3}
duration=${DURATION:-8}
port=18611
queue=${QUEUE:-1000000}

command -v wrk >/dev/null || { echo "dashboard.sh: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
# Always built: a Release build left from an older commit would be measured instead.
dotnet build -c Release JobQueue.Dispatcher -v q >/dev/null

lua=$(mktemp --suffix .lua)
events=$(mktemp)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -f "$lua" "$events" "$events".*
}
trap cleanup EXIT
cat >"$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "name=job&delay=1s"
LUA

# utime + stime of a process, in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# rate VIEWERS: POSTs answered per second on a fresh server (1000 workers and a queue of QUEUE, by
# default a million, as bench/http.sh measures it) while VIEWERS clients follow the dashboard's stream.
rate() {
  local server streams=() rps
  # No drain at the end: the backlog wrk leaves would hold the next round back for the whole shutdown timeout.
  dotnet "$dll" --quiet -port "$port" -max_workers 1000 -max_queue_size "$queue" --shutdown-timeout 0s >/dev/null 2>&1 &
  server=$!
  pids+=("$server")
  for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$port/work" && break; sleep 0.05; done
  : >"$events"
  if (($1 == 0 && idle)); then
    curl -s -o /dev/null "http://127.0.0.1:$port/work" -d name=held -d delay=10s
    for ((v = 0; v < viewers; v++)); do
      curl -s -o /dev/null --max-time $((duration + 10)) "http://127.0.0.1:$port/work/1?wait=60s" &
      streams+=($!)
      pids+=($!)
    done
  fi
  for ((v = 0; v < $1; v++)); do
    # The first viewer keeps what it got, to count the updates each viewer had during the load.
    curl -sN --max-time $((duration + 10)) "http://127.0.0.1:$port/work/events" >"$( ((v == 0)) && echo "$events" || echo /dev/null)" &
    streams+=($!)
    pids+=($!)
  done
  # Every viewer has had its first state before the clock starts.
  sleep 1
  local before cpu0 cpu1 out requests
  before=$(grep -c '^event: state' "$events" || true)
  cpu0=$(cpu_ticks "$server")
  out=$(wrk -t2 -c64 -d"${duration}s" -s "$lua" "http://127.0.0.1:$port/work")
  cpu1=$(cpu_ticks "$server")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  updates=$(($(grep -c '^event: state' "$events" || true) - before))
  # The server's own CPU per request: what the viewers cost it, less blurred by other load on the machine.
  awk -v t=$((cpu1 - cpu0)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f\n", 1e6 * t / hz / n }' >"$events.cpu$1"
  ((${#streams[@]})) && kill "${streams[@]}" 2>/dev/null || true
  kill -TERM "$server"; kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  echo "${updates:-0}" >"$events.updates"
  echo "$rps"
}

# Odd rounds measure without viewers first, even rounds with them first, so that neither order is favoured.
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then
    rate 0 >"$events.rate"
    without=$(cat "$events.rate")
    rate "$viewers" >"$events.rate"
    with=$(cat "$events.rate")
  else
    rate "$viewers" >"$events.rate"
    with=$(cat "$events.rate")
    seen=$(cat "$events.updates")
    rate 0 >"$events.rate"
    without=$(cat "$events.rate")
    echo "$seen" >"$events.updates"
  fi
  awk -v a="$without" -v b="$with" -v v="$viewers" -v r="$r" -v u="$(cat "$events.updates")" -v d="$duration" \
    -v ca="$(cat "$events.cpu0")" -v cb="$(cat "$events.cpu$viewers")" \
    -v base="$( ((idle)) && echo "with $viewers idle connections" || echo "without viewers")" \
    'BEGIN { printf "round %d: %.0f req/s %s, %.0f with %d (each got %d updates in %d s): cost %.1f%%; server CPU per request %.1f vs %.1f us: %+.1f%%\n", r, a, base, b, v, u, d, 100 * (1 - b / a), ca, cb, 100 * (cb / ca - 1) }'
done
