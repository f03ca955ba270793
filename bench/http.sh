#!/usr/bin/env bash
# HTTP side-by-side: the port (Native AOT if published, else the JIT build) and the Go original, in
# turn, with the same flags and the same POST load from wrk, on 127.0.0.1 only, bounded in time.
# Prints, for each: requests/s on /work while the queue is not full, peak RSS under 8 s of overload,
# RSS of an idle server with 100000 workers, and ms from exec to the first 201. Naming "cost" in
# FIGURES (it is not in the default list) adds what a POST costs the server in CPU and thread switches.
# MODE=refactored runs the port with --mode refactored beside Go's worker_refactored.go instead.
#   needs: wrk, curl, go (apt-get install -y wrk curl golang-go), and for AOT clang zlib1g-dev
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
port_aot=$root/JobQueue.Dispatcher/bin/Release/net10.0/linux-x64/publish/JobQueue.Dispatcher
mode=${MODE:-original}
case $mode in
  original | refactored) ;;
  *) echo "http.sh: MODE must be original or refactored, got '$mode'" >&2; exit 2 ;;
esac
go_bin=/tmp/jobqueue-go-$mode
duration=${DURATION:-8}
threads=2
connections=${CONNECTIONS:-64}

command -v wrk >/dev/null || { echo "http.sh: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
if [[ ! -x $port_aot || ${REBUILD:-0} == 1 ]]; then
  dotnet publish JobQueue.Dispatcher -c Release -r linux-x64 -p:PublishAot=true -v q >/dev/null
fi
(cd "../shared/reference/go-$mode" && GO111MODULE=off go build -o "$go_bin" .)

lua=$(mktemp --suffix .lua)
trap 'rm -f "$lua"' EXIT
cat >"$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "name=job&delay=1s"
LUA

# start NAME PORT FLAGS...: runs the server with flags spelled the Go way (both accept them)
start() {
  local name=$1 port=$2; shift 2
  if [[ $name == go ]]; then
    "$go_bin" -port "$port" "$@" >/dev/null 2>&1 &
  else
    "$port_aot" --mode "$mode" -port "$port" "$@" >/dev/null 2>&1 &
  fi
  echo $!
}
wait_up() { for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$1/work" && return 0; sleep 0.02; done; return 1; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }
# The server was started in a command substitution, so it is not this shell's child to wait for:
# poll until it is gone, so that a dying server takes no CPU from the next measurement.
stop() {
  kill -TERM "$1" 2>/dev/null; sleep 0.5; kill -KILL "$1" 2>/dev/null || true
  for _ in $(seq 1 200); do
    [[ -e /proc/$1 && $(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null) != Z ]] || break
    sleep 0.05
  done
}
quiet_flag() { [[ $1 == port ]] && echo --quiet; }
# Each program listens on a port of its own: Go's listen on :PORT failed with "address already in
# use" right after the port's server on the same port had been killed and was gone.
port_for() { if [[ $1 == go ]]; then echo $(( $2 + 10 )); else echo "$2"; fi; }

# the POST load every figure but the idle one puts on a server: wrk's report on standard output
load() { wrk -t$threads -c$connections -d${duration}s -s "$lua" "http://127.0.0.1:$1/work"; }

# 1. requests/s while the queue is not full: 1000 workers, a queue of a million
rps() {
  local port pid; port=$(port_for "$1" 18601)
  pid=$(start "$1" "$port" -max_workers 1000 -max_queue_size 1000000 $(quiet_flag "$1"))
  wait_up "$port"
  load "$port" | awk '/Requests\/sec/ {print $2}'
  stop "$pid"
}

# 2. peak RSS after 8 s of overload: 100 workers, a queue of 100
overload() {
  local port pid; port=$(port_for "$1" 18602)
  pid=$(start "$1" "$port" -max_workers 100 -max_queue_size 100 $(quiet_flag "$1"))
  wait_up "$port"
  load "$port" >/dev/null
  echo "$(( $(hwm_kb "$pid") / 1024 ))"
  stop "$pid"
}

# 3. RSS of an idle server with 100000 workers
idle() {
  local port pid; port=$(port_for "$1" 18603)
  pid=$(start "$1" "$port" -max_workers 100000)
  wait_up "$port"; sleep 2
  echo "$(( $(rss_kb "$pid") / 1024 ))"
  stop "$pid"
}

# 4. ms from exec to the first 201: the client retries on bash's /dev/tcp, so that no process is
#    spawned per attempt (a curl per attempt would compete with the starting server for the CPU)
first201() {
  local body="name=a&delay=1s" t0 pid status="" port; port=$(port_for "$1" 18604)
  exec 5<> <(:)   # an fd that never delivers: "read -t" on it is a sleep without a process
  t0=$EPOCHREALTIME
  pid=$(start "$1" "$port")
  # Every 2 ms, so the client does not take the CPU the server needs to start.
  for ((i = 0; i < 5000; i++)); do
    (( i > 0 )) && read -r -t 0.002 -u 5 _
    if { exec 3<>/dev/tcp/127.0.0.1/$port; } 2>/dev/null; then
      printf 'POST /work HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' "${#body}" "$body" >&3
      read -r status <&3 || true
      exec 3>&-
      [[ $status == *" 201 "* ]] && break
    fi
  done
  awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (b - a) * 1000 }'
  echo
  stop "$pid"
}

# 5. what a POST costs the server under the requests/s load: CPU µs, and thread switches summed over
#    its live threads (/proc: a thread that exits during the run takes its count with it); prints the
#    two figures, or "- -" when the server or wrk failed
cost() {
  local port pid n c0 c1 s0 s1; port=$(port_for "$1" 18605)
  pid=$(start "$1" "$port" -max_workers 1000 -max_queue_size 1000000 $(quiet_flag "$1"))
  wait_up "$port"
  c0=$(cpu_ticks "$pid"); s0=$(switches "$pid")
  n=$(load "$port" | awk '/requests in/ {print $1}')
  c1=$(cpu_ticks "$pid" 2>/dev/null); s1=$(switches "$pid" 2>/dev/null)
  stop "$pid"
  if [[ -z $c1 || -z $s1 || ${n:-0} -le 0 ]]; then echo "- -"; return; fi
  awk -v n="$n" -v c=$((c1 - c0)) -v s=$((s1 - s0)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f %.2f\n", c * 1e6 / hz / n, s / n }'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
switches() { cat /proc/"$1"/task/*/status | awk '/ctxt_switches/ {s += $2} END {print s}'; }

# the median of 5 first-201 runs, the runs themselves on standard error
first201_median() {
  local runs=() i
  for i in 1 2 3 4 5; do runs+=("$(first201 "$1")"); done
  echo "first 201, $1: ${runs[*]} ms" >&2
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p
}

printf '%-44s %14s %14s %8s\n' "figure ($mode)" "port (AOT)" "go $mode" "ratio"
row() { printf '%-44s %14s %14s %8s\n' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN { if (b > 0) printf "%.2f", a / b }')"; }
# FIGURES picks a subset, e.g. FIGURES="rps first201"; "cost" is run only when named (see the top)
figures=${FIGURES:-"rps overload idle first201"}
for figure in $figures; do
  case $figure in
    rps) a=$(rps port); b=$(rps go); row "requests/s on /work (queue not full)" "$a" "$b" ;;
    overload) a=$(overload port); b=$(overload go); row "peak RSS MB, ${duration}s overload (100/100)" "$a" "$b" ;;
    idle) a=$(idle port); b=$(idle go); row "idle RSS MB, 100000 workers" "$a" "$b" ;;
    first201) a=$(first201_median port); b=$(first201_median go); row "ms from exec to first 201 (median of 5)" "$a" "$b" ;;
    cost)
      read -r a1 a2 <<<"$(cost port)"; read -r b1 b2 <<<"$(cost go)"
      row "server CPU microseconds per POST" "$a1" "$b1"
      row "thread switches per POST" "$a2" "$b2" ;;
    *) echo "http.sh: unknown figure '$figure' (rps overload idle first201 cost)" >&2; exit 2 ;;
  esac
done
