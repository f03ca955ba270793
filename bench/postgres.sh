#!/usr/bin/env bash
# The shared queue (--postgres) against a PostgreSQL of its own on this machine, side by side in one run:
#   - pgbench's single-row INSERT transactions/s at CLIENTS connections: the limit for a durable POST
#   - durable POST /work per second (wrk, CLIENTS connections, one node)
#   - no-op jobs drained per second through the whole engine, at 1 and 2 nodes of WORKERS workers
#   - idle enqueue-to-start latency p50 and p90 (one POST at a time to an idle node)
#   - the claim's time with 1 000 and with 1 000 000 jobs queued (pgbench on the claim statement)
# Everything listens on 127.0.0.1 only, and every step is bounded in time or count.
# Run it on a quiet machine: a figure is worth what the machine's load lets it be.
#   needs: wrk, curl, postgresql (apt-get install -y wrk curl postgresql), and for AOT clang zlib1g-dev
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
app=${APP:-$root/JobQueue.Dispatcher/bin/Release/net10.0/linux-x64/publish/JobQueue.Dispatcher}
clients=${CLIENTS:-8}
duration=${DURATION:-10}
drain_jobs=${DRAIN_JOBS:-20000}
workers=${WORKERS:-32}
pg_port=${PG_PORT:-55432}
node_port=18701

command -v wrk >/dev/null || { echo "postgres.sh: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x $bin/initdb ]] || { echo "postgres.sh: PostgreSQL not found (apt-get install -y postgresql)" >&2; exit 1; }
if [[ ! -x $app || ${REBUILD:-0} == 1 ]]; then
  dotnet publish JobQueue.Dispatcher -c Release -r linux-x64 -p:PublishAot=true -v q >/dev/null
fi

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

# start_node N WORKERS: node N on port node_port+N, quiet, a queue big enough for every step
start_node() {
  "$app" --postgres "$connection" --node "bench$1" -port $((node_port + $1)) -max_workers "$2" \
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

# 2. durable POST/s: one node with one worker, so the POSTs only queue
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

# 3. drain: no-op jobs (delay 0, written straight to the table: POST takes 1 s at least) committed in
#    one go, then the time until none is queued or running
drain() {
  for n in $(seq 1 "$1"); do start_node "$n" "$workers"; done
  sql "INSERT INTO jobqueue.jobs (name, delay_ns) SELECT 'noop', 0 FROM generate_series(1, $drain_jobs)"
  local start; start=$(now_ms)
  sql "NOTIFY jobqueue_queued"
  for _ in $(seq 1 12000); do
    [[ $(sql "SELECT count(*) FROM jobqueue.jobs WHERE status IN ('queued', 'running')") == 0 ]] && break
    sleep 0.05
  done
  local ms=$(($(now_ms) - start))
  stop_nodes
  echo $((drain_jobs * 1000 / (ms > 0 ? ms : 1)))
}
drain_1=$(drain 1)
drain_2=$(drain 2)

# 4. idle latency: one POST at a time to an idle node; enqueued_at and started_at are both the database's clock
start_node 1 64
for i in $(seq 1 200); do
  curl -s -o /dev/null "http://127.0.0.1:$((node_port + 1))/work" -d "name=idle$i" -d delay=1s
  sleep 0.05
done
sleep 1.5
latency=$(sql "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY d)::numeric, 2) || ' ' || round(percentile_cont(0.9) WITHIN GROUP (ORDER BY d)::numeric, 2)
               FROM (SELECT extract(epoch FROM started_at - enqueued_at) * 1000 AS d FROM jobqueue.jobs WHERE started_at IS NOT NULL) AS s")
stop_nodes

# 5. the claim at 1 000 and at 1 000 000 queued: the statement a node runs, rolled back so the backlog stays
cat >"$dir/claim.sql" <<'SQL'
BEGIN;
UPDATE jobqueue.jobs SET status = 'running', node_id = 0, node = 'bench', worker = 0, started_at = now()
WHERE id = (SELECT id FROM jobqueue.jobs WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) AND status = 'queued'
RETURNING id, name, delay_ns, enqueued_at, attempt;
ROLLBACK;
SQL
claim_ms() {
  sql "TRUNCATE jobqueue.jobs"
  sql "INSERT INTO jobqueue.jobs (name, delay_ns) SELECT 'backlog', 1000000000 FROM generate_series(1, $1)"
  sql "VACUUM ANALYZE jobqueue.jobs"
  "$bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -f "$dir/claim.sql" -c 1 -T 5 bench 2>/dev/null |
    awk '/^latency average/ {print $4; exit}'
}
claim_1k=$(claim_ms 1000)
claim_1m=$(claim_ms 1000000)

cat <<TABLE
| figure | value |
|---|---|
| pgbench single-row INSERT, $clients clients | $insert_tps tps |
| durable POST /work, wrk $clients connections, 1 node | $post_rps /s (${post_errors:-0} non-201) |
| no-op jobs drained, 1 node of $workers workers | $drain_1 jobs/s |
| no-op jobs drained, 2 nodes of $workers workers | $drain_2 jobs/s |
| idle enqueue-to-start p50 / p90 | ${latency% *} ms / ${latency#* } ms |
| claim with 1 000 queued | $claim_1k ms |
| claim with 1 000 000 queued | $claim_1m ms |
TABLE
