-- The shared queue: one row per job, one row per live node.

CREATE TABLE jobqueue.jobs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    delay_ns bigint NOT NULL,
    status text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'completed', 'canceled', 'failed')),
    -- 1 for the first run; + 1 each time a dead node's run is rescued. Part of the finish's fence.
    attempt integer NOT NULL DEFAULT 1,
    -- The node instance that runs it (nodes.id, part of the fence) and its --node name, for GET.
    node_id bigint,
    node text,
    worker integer NOT NULL DEFAULT 0,
    enqueued_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    finished_at timestamptz,
    -- A DELETE reached a running job: its owner stops it (NOTIFY, the heartbeat as backstop).
    cancel_requested boolean NOT NULL DEFAULT false,
    -- Someone waits for the job's end (GET ?wait=, DELETE): only then does its end cost a NOTIFY.
    watched boolean NOT NULL DEFAULT false
) WITH (
    -- Every job is inserted, updated twice and deleted: vacuum early so dead rows do not pile up.
    autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_vacuum_insert_scale_factor = 0.02,
    autovacuum_analyze_scale_factor = 0.02
);

-- The dequeue reads only this index, which holds the queued rows and nothing else: a million
-- finished or running rows cost it nothing, and its size follows the backlog, not the history.
CREATE INDEX jobs_queued ON jobqueue.jobs (id) WHERE status = 'queued';

-- Rescue and the cancel backstop look up a node's running jobs.
CREATE INDEX jobs_running ON jobqueue.jobs (node_id) WHERE status = 'running';

-- Retention deletes the oldest finished rows first.
CREATE INDEX jobs_finished ON jobqueue.jobs (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE jobqueue.nodes (
    -- One row per process start: a node declared dead that comes back registers anew.
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    workers integer NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);

-- A job's end wakes whoever waits for it, on any node; unwatched jobs end without a NOTIFY.
CREATE FUNCTION jobqueue.notify_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('jobqueue_ended', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_ended AFTER UPDATE OF status ON jobqueue.jobs FOR EACH ROW
    WHEN (NEW.watched AND NEW.status IN ('completed', 'canceled', 'failed') AND OLD.status <> NEW.status)
    EXECUTE FUNCTION jobqueue.notify_ended();
