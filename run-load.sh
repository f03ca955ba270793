#!/usr/bin/env bash
# The gist's load loop against JobQueue.Dispatcher. --compare hands over to the program's own
# `compare` subcommand, which runs both modes side by side. Needs bash, curl and the .NET SDK only.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./run-load.sh [options]               the gist's loop against a running server
       ./run-load.sh --compare [options]     both modes (and the Go originals) side by side

Default: the loop of the gist's README against a running server, one status line per job:

    for i in {1..15}; do curl localhost:8080/work -d name=job$i -d delay=$(expr $i % 9 + 1)s; done

  job1 201
  job2 201
  ...

  -n N                  number of jobs, 1..10000 (default 15)
  --parallel C          C concurrent senders, 1..64 (default 1: one POST after the other); each
                        sender is one curl that sends its share of the jobs over one connection
  --delay D             the same delay for every job, e.g. 1s (default: the gist's i%9+1 seconds)
  --host H              the server's host (default 127.0.0.1)
  --port P              the server's port (default 8080)
  --wait                then wait until the jobs have run and print the makespan: first POST to
                        the last job's finishedAt, next to the ideal first-come-first-served schedule
  --time-limit S        give up waiting for a drain after S seconds (default: enough for the load)
  -h, --help            this text

The Go flag spellings work too: -port, -host.

--compare builds JobQueue.Dispatcher (Release, unless --no-build) and runs its `compare` subcommand
with every other option as it is: it starts `--mode original` and `--mode refactored` on free
loopback ports, sends each the same load over HTTP, follows every job to its end, stops both with
SIGTERM, and writes compare.md (a table and what differed) and compare.html (a timeline of every
job). Its options (-n, --parallel, --rate, --delay, --workers, --queue, --concurrent, --with-go,
--out, ...): ./run-load.sh --compare --help

Exit status: 0 when every request got an HTTP answer (and with --compare, every server drained and
this program's servers exited 0 on SIGTERM); 1 otherwise, e.g. when the server cannot be reached.

Examples:
  dotnet run --project JobQueue.Dispatcher -- -max_workers 5 &   # then:
  ./run-load.sh
  ./run-load.sh -n 100 --parallel 8 --delay 1s --wait
  ./run-load.sh --compare
  ./run-load.sh --compare -n 500 --parallel 16 --rate 0 --workers 20 --out heavy.md
  ./run-load.sh --compare --with-go
EOF
}

die() {
  printf 'run-load.sh: %s\n' "$*" >&2
  exit 1
}

# --- --compare: the program's compare subcommand owns it -------------------------------------------

compare=0
for arg in "$@"; do
  [[ $arg != -- ]] || break
  [[ $arg != --compare ]] || compare=1
done
if ((compare)); then
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  project=$root/JobQueue.Dispatcher
  build=1 passed=0 args=()
  for arg in "$@"; do
    if ((passed)); then
      args+=("$arg")
      continue
    fi
    case $arg in
      --compare) ;;
      --no-build) build=0 ;;
      --) passed=1 args+=("$arg") ;;
      *) args+=("$arg") ;;
    esac
  done
  command -v dotnet >/dev/null || die "dotnet not found; install the .NET 10 SDK"
  if ((build)); then
    printf 'building JobQueue.Dispatcher (Release)...\n' >&2
    log=$(mktemp)
    dotnet build -c Release "$project" -nologo -v q >"$log" 2>&1 || {
      tail -n 20 "$log" >&2
      die "dotnet build -c Release failed (log above)"
    }
    rm -f "$log"
  fi
  dll=$project/bin/Release/net10.0/JobQueue.Dispatcher.dll
  [[ -f $dll ]] || die "no Release build at $dll; run without --no-build"
  exec dotnet "$dll" compare --go-source "$root/../shared/reference" "${args[@]}"
fi

# --- command line ---------------------------------------------------------------------------------

n=15 host=127.0.0.1 port=8080 parallel=1 delay='' wait_jobs=0 time_limit=''

while (($#)); do
  opt=$1 value='' inline=0
  case $opt in
    --*=* | -[a-z]*=*) value=${opt#*=} opt=${opt%%=*} inline=1 ;;
  esac
  case $opt in
    -n | --parallel | --delay | --host | -host | --port | -port | --time-limit)
      if ((!inline)); then
        (($# >= 2)) || die "$opt needs a value (see --help)"
        value=$2
        shift
      fi
      ;;
    *) ((!inline)) || die "$opt takes no value (see --help)" ;;
  esac
  shift
  case $opt in
    -h | --help) usage; exit 0 ;;
    -n) n=$value ;;
    --parallel) parallel=$value ;;
    --delay) delay=$value ;;
    --host | -host) host=$value ;;
    --port | -port) port=$value ;;
    --wait) wait_jobs=1 ;;
    --time-limit) time_limit=$value ;;
    --workers | -max_workers | --max-workers | --max_workers | --queue | -max_queue_size | --max-queue-size | \
      --max_queue_size | --quiet | --shutdown-timeout | --concurrent | --out | --no-build | --rate | --with-go)
      die "$opt is an option of --compare; a running server has its own flags" ;;
    *) die "unknown option: $opt (see --help)" ;;
  esac
done

# An integer in [lo, hi], or a one-line error that names the option.
check_int() {
  [[ $2 =~ ^[0-9]+$ ]] && ((10#$2 >= $3 && 10#$2 <= $4)) || die "$1 must be an integer from $3 to $4, not '$2'"
}
check_int -n "$n" 1 10000
check_int --parallel "$parallel" 1 64
check_int --port "$port" 1 65535
[[ -z $time_limit ]] || check_int --time-limit "$time_limit" 1 86400
n=$((10#$n)) parallel=$((10#$parallel))
# A host name or an IP address (IPv6 in brackets), nothing that could change the URL.
[[ $host =~ ^[A-Za-z0-9._-]+$ || $host =~ ^\[[0-9A-Fa-f:.]+\]$ ]] || die "--host must be a host name or an IP address (IPv6 in brackets), not '$host'"
[[ -z $delay || $delay =~ ^[^[:space:]]+$ ]] || die "--delay must be a Go duration such as 1s, not '$delay'"

# --- helpers --------------------------------------------------------------------------------------

now_ns() { date +%s%N; }

# The number after "key": in a one-line JSON text (its first occurrence), or nothing.
json_num() {
  local rest=${1#*\""$2"\":}
  [[ $rest != "$1" ]] || return 0
  printf '%s' "${rest%%[,\}]*}"
}

# GET /debug/vars, or nothing when the page is not there (yet) or has no job queue figures.
debug_vars() {
  local json
  json=$(curl -s --max-time 2 "$1/debug/vars" 2>/dev/null) || return 0
  [[ $json == *'"jobqueue":{'* ]] && printf '%s' "$json"
  return 0
}

# One line and exit 1 unless something answers HTTP at $1.
require_server() {
  local rc=0
  curl -s -o /dev/null --max-time 5 "$1/" 2>/dev/null || rc=$?
  case $rc in
    0) ;;
    7) die "no server at $1 (connection refused); start one with: dotnet run --project JobQueue.Dispatcher" ;;
    28) die "no answer from $1 within 5 s" ;;
    *) die "cannot reach $1 (curl exit code $rc)" ;;
  esac
}

# Sends the load to $1: job i is POSTed as the gist's loop does (name=job$i, delay=$((i % 9 + 1))s
# or --delay) by sender (i-1) % C + 1; each sender is one curl that POSTs its jobs one after the
# other over one connection. Prints "job1 201" per answer (with the first line of any other answer,
# and prefix $3), appends "i status id" lines to $2, and writes the time of the first POST (ns since
# the epoch) to $4.
send_load() {
  local url=$1/work results=$2 prefix=$3 k i senders=()
  : >"$results"
  # The senders' curl configs are written first, so that the clock starts with the first POST.
  for ((k = 1; k <= parallel; k++)); do
    for ((i = k; i <= n; i += parallel)); do
      ((i == k)) || echo next
      printf 'url = "%s"\ndata = "name=job%d"\ndata-urlencode = "delay=%s"\nmax-time = 15\n' \
        "$url" "$i" "${delay:-$((i % 9 + 1))s}"
      printf 'write-out = "\\n@@ %d %%{http_code}\\n"\n' "$i"
    done >"$results.$k.curl"
  done
  now_ns >"$4"
  for ((k = 1; k <= parallel; k++)); do
    { curl -sS -K "$results.$k.curl" 2>"$results.$k.err" || true; } | awk -v prefix="$prefix" -v results="$results" '
      # An answer is its body (the first non-empty line of it), then the marker "@@ i status".
      /^@@ [0-9]+ [0-9]+$/ {
        id = "-"
        if ($3 == 201 && match(body, /^\{"id":[0-9]+/)) id = substr(body, 7, RLENGTH - 6)
        else if ($3 == "000") body = "(no answer)"
        printf "%sjob%d %s%s\n", prefix, $2, $3, $3 == 201 ? "" : " " body
        printf "%d %s %s\n", $2, $3, id >>results
        fflush(); fflush(results)
        body = ""
        next
      }
      body == "" { body = $0 }' &
    senders+=($!)
  done
  wait "${senders[@]}"
}

# Polls /debug/vars at $1 every 50 ms until nothing is queued or busy, or until $2 (ns since the
# epoch). Prints "drained_ns peak_threads" and the last page on a second line; on time-out the
# same with "-" for drained_ns, and fails.
wait_drained() {
  local json='' page queued busy threads peak=0
  while :; do
    page=$(debug_vars "$1")
    if [[ -n $page ]]; then
      json=$page queued=$(json_num "$page" queued) busy=$(json_num "$page" busy) threads=$(json_num "$page" threads)
      ((${threads:-0} <= peak)) || peak=$threads
      if [[ $queued == 0 && $busy == 0 ]]; then
        printf '%s %s\n%s\n' "$(now_ns)" "$peak" "$json"
        return 0
      fi
    fi
    if (($(now_ns) >= $2)); then
      printf -- '- %s\n%s\n' "$peak" "$json"
      return 1
    fi
    sleep 0.05
  done
}

# GET /work/{id} of every accepted job in results file $2 at $1 (one curl, one connection), then
# prints "jobs completed makespan ideal ideal0 first/last" in seconds from the first POST ($3, ns):
# the last finishedAt; the ideal first-come-first-served makespan on $4 workers for the jobs' own
# arrival times (ideal) and with every job posted at the first POST (ideal0, the gist's 18 s for
# its loop); the enqueuedAt of the first and the last job accepted.
job_times() {
  local ids
  ids=$(awk '$2 == 201 && $3 != "-" { print $3 }' "$2" | sort -n)
  [[ -n $ids ]] || { echo "0 0 - - - -"; return 0; }
  sed "s|.*|url = \"$1/work/&\"|" <<<"$ids" | curl -s --max-time 60 -K - -w '\n' |
    awk -v t0="$3" -v workers="$4" '
      # Days since 1970-01-01 of a civil date (Howard Hinnant'"'"'s days_from_civil).
      function days(y, m, d,   era, yoe, doy) {
        y -= (m <= 2); era = int((y >= 0 ? y : y - 399) / 400); yoe = y - era * 400
        doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
        return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
      }
      # Seconds from the first POST to an ISO 8601 UTC time such as 2026-05-01T12:00:01.1234567Z;
      # whole seconds and fractions apart, so that doubles keep every digit.
      function since_t0(ts,   p, whole, frac) {
        split(ts, p, /[-T:Z]/)
        whole = int(p[6]); frac = p[6] - whole
        return (days(p[1], p[2], p[3]) * 86400 + p[4] * 3600 + p[5] * 60 + whole - t0s) + (frac - t0f)
      }
      function field(name,   s) {
        if (!match($0, "\"" name "\":\"[^\"]*\"")) return ""
        s = substr($0, RSTART + length(name) + 4, RLENGTH - length(name) - 5)
        return s
      }
      # Go Duration.String of a job delay, which is 1s..10s: "2s", "1.5s".
      function seconds(d) { return substr(d, 1, length(d) - 1) + 0 }
      BEGIN { t0s = substr(t0, 1, length(t0) - 9) + 0; t0f = ("0." substr(t0, length(t0) - 8)) + 0 }
      /"id":/ {
        jobs++
        if (field("status") == "completed") completed++
        f = field("finishedAt"); if (f != "") { t = since_t0(f); if (t > last) last = t }
        arrival[jobs] = since_t0(field("enqueuedAt")); run[jobs] = seconds(field("delay"))
      }
      END {
        printf "%d %d %.3f %.3f %.3f %.3f/%.3f\n", jobs, completed, last, fcfs(1), fcfs(0), arrival[1], arrival[jobs]
      }
      # The ideal schedule: each job, in the order it was accepted, starts on the first worker free
      # once it has arrived (its enqueuedAt, or the first POST when at_arrival is 0); its makespan.
      function fcfs(at_arrival,   w, j, best, start, free, end) {
        for (w = 1; w <= workers; w++) free[w] = 0
        for (j = 1; j <= jobs; j++) {
          best = 1; for (w = 2; w <= workers; w++) if (free[w] < free[best]) best = w
          start = at_arrival && arrival[j] > free[best] ? arrival[j] : free[best]
          free[best] = start + run[j]; if (free[best] > end) end = free[best]
        }
        return end
      }'
}

# How far makespan $1 is over ideal $2, e.g. +0.071 s.
excess() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.3f s", a - b }'
}

# "accepted rejected other" answers in a results file.
answer_counts() {
  awk '$2 == 201 { a++ } $2 == 503 { r++ } $2 != 201 && $2 != 503 { o++ } END { printf "%d %d %d\n", a, r, o }' "$1"
}

# A drain limit that any healthy server meets: every job at the longest delay, one round per worker.
default_time_limit() {
  local rounds=$(((n + $1 - 1) / $1))
  echo $((rounds * 10 + 30))
}

# --- default: the gist's loop against a running server ----------------------------------------------

base="http://$host:$port"
require_server "$base"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
send_load "$base" "$work/results" '' "$work/t0"
read -r accepted rejected other < <(answer_counts "$work/results")
printf '%d sent: %d accepted (201), %d rejected (503), %d other\n' "$n" "$accepted" "$rejected" "$other"
failed=$(awk '$2 == "000"' "$work/results" | wc -l)
((failed == 0)) || die "$failed of $n requests got no HTTP answer"
((wait_jobs && accepted > 0)) || exit 0

vars=$(debug_vars "$base")
[[ -n $vars ]] || die "--wait needs GET /debug/vars on the server, and $base/debug/vars has no job queue figures"
workers=$(json_num "$vars" workers)
limit=${time_limit:-$(default_time_limit "$workers")}
drained=$(wait_drained "$base" $(($(cat "$work/t0") + limit * 1000000000))) ||
  die "the server still had jobs queued or running ${limit}s after the first POST"
read -r found completed makespan ideal ideal0 _ < <(job_times "$base" "$work/results" "$(cat "$work/t0")" "$workers")
((found == accepted)) || die "GET /work/{id} found $found of the $accepted accepted jobs"
drain_s=$(awk -v a="${drained%% *}" -v b="$(cat "$work/t0")" 'BEGIN { printf "%.3f", (a - b) / 1e9 }')
printf '%d of %d accepted jobs completed; drained %s s after the first POST (polled every 50 ms)\n' "$completed" "$accepted" "$drain_s"
printf 'makespan %s s from the first POST to the last finishedAt\n' "$makespan"
printf 'ideal first-come-first-served on %d workers: %s s with every job posted at once (%s), %s s for the actual arrivals (%s)\n' \
  "$workers" "$ideal0" "$(excess "$makespan" "$ideal0")" "$ideal" "$(excess "$makespan" "$ideal")"
exit 0
