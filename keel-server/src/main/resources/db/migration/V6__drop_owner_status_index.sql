-- operations_owner_status_idx (owner_node, status) served lease renewal and recovery:
--   ... WHERE owner_node = ? AND status IN ('QUEUED','RUNNING')
-- H2 used it with the owner_node equality alone and then filtered the status row by row, so every lease renewal
-- walked all of this node's records (about a million after a few minutes of load: ~1.5 s of CPU a minute on an
-- idle server). Without it both databases take operations_status_created_idx with the IN list, which reaches the
-- few unfinished records directly; and every insert maintains one index less.
DROP INDEX IF EXISTS operations_owner_status_idx;
