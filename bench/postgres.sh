#!/usr/bin/env bash
# The shared queue (--postgres) against a PostgreSQL of its own on this machine, side by side in one run
# with its .NET peer, Hangfire.PostgreSql (bench/HangfirePeer), on the same server:
#   - pgbench's single-row INSERT transactions/s at CLIENTS connections: the limit for a durable POST
#   - durable POST /work per second (wrk, CLIENTS connections, one node), and Hangfire's enqueues/s
#     (CLIENTS threads)
#   - no-op jobs drained per second through the whole engine: 1 node of 20 workers, as Hangfire's
#     20; 1 and 2 nodes of WORKERS workers (original mode) and 1 in refactored mode
#   - idle enqueue-to-start latency p50 and p90: one job at a time to an idle node, from the start of
#     the enqueue to the worker's start (the node's own queue-wait histogram), and Hangfire's
#   - the claim's time with 1 000 and with 1 000 000 jobs queued: the node's claim statement under
#     pgbench, claiming for 32 workers and committing, while as many jobs are queued again
# Everything listens on 127.0.0.1 only, and every step is bounded in time or count.
# Run it on a quiet machine: a figure is worth what the machine's load lets it be.
#   needs: wrk, curl, postgresql (apt-get install -y wrk curl postgresql), and for AOT clang zlib1g-dev
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
app=${APP:-$root/JobQueue.Dispatcher/bin/Release/net10.0/linux-x64/publish/JobQueue.Dispatcher}
clients=${CLIENTS:-8}
duration=${DURATION:-10}
drain_jobs=${DRAIN_JOBS:-50000}
workers=${WORKERS:-256}
pg_port=${PG_PORT:-55432}
node_port=18701

command -v wrk >/dev/null || { echo "postgres.sh: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x $bin/initdb ]] || { echo "postgres.sh: PostgreSQL not found (apt-get install -y postgresql)" >&2; exit 1; }
if [[ ! -x $app || ${REBUILD:-0} == 1 ]]; then
  dotnet publish JobQueue.Dispatcher -c Release -r linux-x64 -p:PublishAot=true -v q >/dev/null
fi
dotnet build bench/HangfirePeer -c Release -v q >/dev/null
peer=$root/bench/HangfirePeer/bin/Release/net10.0/HangfirePeer
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

dir=$(mktemp -d /tmp/jobqueue-bench-XXXXXX)
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[[ $(id -u) == 0 ]] && chown postgres:postgres "$dir"
nodes=()
cleanup() {
  for pid in "${nodes[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

# A cluster as a small production one would be: fsync on, defaults but the port and the socket.
as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
cat >>"$dir/data/postgresql.conf" <<CONF
port = $pg_port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 256MB
CONF
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres bench
sql() { "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -Atq -c "$1"; }
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=bench"
"$app" migrate --postgres "$connection" 2>/dev/null

# start_node N WORKERS [MODE]: node N on port node_port+N, quiet, a queue big enough for every step
start_node() {
  "$app" --postgres "$connection" --node "bench$1" -port $((node_port + $1)) -max_workers "$2" --mode "${3:-original}" \
    -max_queue_size 10000000 --shutdown-timeout 0s --quiet >/dev/null 2>&1 &
  nodes+=($!)
  for _ in $(seq 1 500); do curl -s -o /dev/null "http://127.0.0.1:$((node_port + $1))/debug/vars" && return 0; sleep 0.02; done
  echo "postgres.sh: node $1 did not start" >&2; exit 1
}
stop_nodes() {
  for pid in "${nodes[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${nodes[@]}"; do wait "$pid" 2>/dev/null || true; done
  nodes=()
  sql "TRUNCATE jobqueue.jobs; DELETE FROM jobqueue.nodes"
}
now_ms() { date +%s%3N; }

# 1. the limit: pgbench's single-row INSERT, the same connections as wrk
sql "CREATE TABLE bench_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, delay_ns bigint NOT NULL)"
echo "INSERT INTO bench_rows (name, delay_ns) VALUES ('job', 1000000000);" >"$dir/insert.sql"
insert_tps=$("$bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -f "$dir/insert.sql" -c "$clients" -j 2 -T "$duration" bench 2>/dev/null |
  awk '/^tps = / {print $3; exit}')

# 2. the peer: Hangfire.PostgreSql in a database of its own on the same server, CLIENTS enqueuing
#    threads, 20 workers, its LISTEN/NOTIFY long polling on and a 100 ms poll interval; first, on the
#    fresh cluster. Its drain rate runs to the last job it ran: the jobs it left unrun are shown
"$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres hangfire
sql "CHECKPOINT"
read -r hf_enqueue hf_drain hf_p50 hf_p90 hf_left < <(timeout 600 "$peer" "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=hangfire" "$clients" "$duration" 20)

# 3. durable POST/s: one node with one worker, so the POSTs only queue
lua=$dir/post.lua
cat >"$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "name=job&delay=10s"
LUA
start_node 1 1
post_out=$(wrk -t2 -c"$clients" -d"${duration}s" -s "$lua" "http://127.0.0.1:$((node_port + 1))/work")
post_rps=$(awk '/Requests\/sec/ {print $2}' <<<"$post_out")
post_errors=$(awk '/Non-2xx/ {print $5}' <<<"$post_out")
stop_nodes

# 4. drain: no-op jobs (delay 0, written straight to the table: POST takes 1 s at least) committed in
#    one go, then one NOTIFY; the time runs on the database's clock from the first claim to the last
#    job's recorded end, so neither a node's poll before the NOTIFY nor the polling below moves it.
#    The polling is one short query at a time from here: a loop inside PostgreSQL would be one long
#    transaction, which keeps every dead row's index entries alive for the whole drain, as any long
#    transaction does to a queue
# drain NODES WORKERS [MODE]
drain() {
  sql "CHECKPOINT"
  for n in $(seq 1 "$1"); do start_node "$n" "$2" "${3:-original}"; done
  sql "INSERT INTO jobqueue.jobs (name, delay_ns) SELECT 'noop', 0 FROM generate_series(1, $drain_jobs)"
  sql "NOTIFY jobqueue_queued"
  for _ in $(seq 1 2400); do
    [[ $(sql "SELECT EXISTS (SELECT FROM jobqueue.jobs WHERE status = 'queued') OR EXISTS (SELECT FROM jobqueue.jobs WHERE status = 'running')") == f ]] && break
    sleep 0.1
  done
  local start end
  read -r start end < <(sql "SELECT extract(epoch FROM min(started_at)) || ' ' || extract(epoch FROM max(finished_at)) FROM jobqueue.jobs")
  stop_nodes
  awk -v n="$drain_jobs" -v a="$start" -v b="$end" 'BEGIN { printf "%d", n / (b - a) }'
}
drain_20=$(drain 1 20)
drain_1=$(drain 1 "$workers")
drain_2=$(drain 2 "$workers")
drain_r=$(drain 1 "$workers" refactored)

# 5. idle latency: one POST at a time to an idle node. The node's queue-wait histogram runs from the
#    enqueue's transaction (its enqueued_at) to the worker's start; the database's own view, from
#    enqueued_at to the claim (started_at), is shown beside it.
start_node 1 64
for i in $(seq 1 200); do
  curl -s -o /dev/null "http://127.0.0.1:$((node_port + 1))/work" -d "name=idle$i" -d delay=1s
  sleep 0.05
done
sleep 1.5
vars=$(curl -s "http://127.0.0.1:$((node_port + 1))/debug/vars")
wait_ms=$(grep -o '"queueWaitMs":{[^}]*}' <<<"$vars")
latency="$(grep -o '"p50":[0-9.]*' <<<"$wait_ms" | cut -d: -f2) $(grep -o '"p90":[0-9.]*' <<<"$wait_ms" | cut -d: -f2)"
latency_db=$(sql "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY d)::numeric, 2) || ' ' || round(percentile_cont(0.9) WITHIN GROUP (ORDER BY d)::numeric, 2)
               FROM (SELECT extract(epoch FROM started_at - enqueued_at) * 1000 AS d FROM jobqueue.jobs WHERE started_at IS NOT NULL) AS s")
stop_nodes

# 6. the claim at 1 000 and at 1 000 000 queued: the node's statement for 32 idle workers, committed,
#    while as many new jobs are queued in the same transaction, so the backlog keeps its size and the
#    index keeps the dead entries a real queue leaves at its head. pgbench -r times the claim alone.
cat >"$dir/claim.sql" <<'SQL'
BEGIN;
UPDATE jobqueue.jobs SET status = 'running', node_id = 0, node = 'bench', worker = 0, started_at = now()
WHERE id = ANY (ARRAY(
    SELECT id FROM jobqueue.jobs WHERE status = 'queued' ORDER BY id LIMIT 32 FOR UPDATE SKIP LOCKED))
  AND status = 'queued'
RETURNING id, name, delay_ns, enqueued_at, attempt;
INSERT INTO jobqueue.jobs (name, delay_ns) SELECT 'backlog', 1000000000 FROM generate_series(1, 32);
COMMIT;
SQL
claim_ms() {
  sql "TRUNCATE jobqueue.jobs"
  sql "INSERT INTO jobqueue.jobs (name, delay_ns) SELECT 'backlog', 1000000000 FROM generate_series(1, $1)"
  sql "VACUUM ANALYZE jobqueue.jobs"
  "$bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -r -f "$dir/claim.sql" -c 1 -T 10 bench 2>/dev/null |
    awk '/UPDATE jobqueue.jobs/ {print $1; exit}'
}
claim_1k=$(claim_ms 1000)
claim_1m=$(claim_ms 1000000)
sql "TRUNCATE jobqueue.jobs"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
cat <<TABLE
load average before: $load_before, after: $load_after

| figure | shared queue | Hangfire.PostgreSql | ratio |
|---|---|---|---|
| pgbench single-row INSERT, $clients clients (the limit) | $insert_tps tps | | |
| durable enqueue/s, $clients clients (wrk POST /work, 1 node / Hangfire threads) | $post_rps (${post_errors:-0} non-201) | $hf_enqueue | $(ratio "$post_rps" "$hf_enqueue")× |
| POST /work / pgbench INSERT | $(ratio "$post_rps" "$insert_tps") | | |
| no-op jobs drained/s, 1 node of 20 workers (original) / Hangfire 20 workers | $drain_20 | $hf_drain ($hf_left left unrun) | $(ratio "$drain_20" "$hf_drain")× |
| no-op jobs drained/s, 1 node of $workers workers (original) | $drain_1 | | $(ratio "$drain_1" "$hf_drain")× |
| no-op jobs drained/s, 2 nodes of $workers workers (original) | $drain_2 | | |
| no-op jobs drained/s, 1 node of $workers workers (refactored) | $drain_r | | |
| idle enqueue-to-start p50 / p90, ms | ${latency% *} / ${latency#* } | $hf_p50 / $hf_p90 | |
| idle enqueued_at-to-claim p50 / p90 (database clock), ms | ${latency_db% *} / ${latency_db#* } | | |
| claim for 32 workers, 1 000 / 1 000 000 queued, ms | $claim_1k / $claim_1m | | $(ratio "$claim_1m" "$claim_1k")× |
TABLE
