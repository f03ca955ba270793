-- The node instance (nodes.id) whose POST accepted the job: at shutdown a node says how many of the
-- jobs it accepted stay queued for the others. No foreign key: the node's row goes when it leaves.
ALTER TABLE jobqueue.jobs ADD COLUMN accepted_by bigint;
