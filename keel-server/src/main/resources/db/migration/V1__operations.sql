-- Operation records. One script for H2 and PostgreSQL: only types and syntax both accept.
-- owner_node and lease_expires_at exist from the first version so that crash recovery, and later
-- peer take-over in a cluster, only touch one node's expired work (DESIGN.md, Cluster).
-- Timestamps keep microseconds (PostgreSQL's precision); the store truncates instants to match.
CREATE TABLE operations (
    id                  VARCHAR(100)                NOT NULL PRIMARY KEY,
    agent               VARCHAR(200)                NOT NULL,
    status              VARCHAR(16)                 NOT NULL,
    priority            INTEGER                     NOT NULL,
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at          TIMESTAMP(6) WITH TIME ZONE,
    finished_at         TIMESTAMP(6) WITH TIME ZONE,
    progress_percent    DOUBLE PRECISION            NOT NULL,
    progress_step       VARCHAR(1000),
    progress_step_index INTEGER                     NOT NULL,
    progress_step_count INTEGER                     NOT NULL,
    eta_ms              BIGINT,
    input_json          VARCHAR(1048576),
    result_json         VARCHAR(1048576),
    error_type          VARCHAR(200),
    error_message       VARCHAR(10000),
    cached              BOOLEAN                     NOT NULL,
    idempotency_key     VARCHAR(200),
    timeout_ms          BIGINT,
    owner_node          VARCHAR(200),
    lease_expires_at    TIMESTAMP(6) WITH TIME ZONE,
    attempts            INTEGER                     NOT NULL,
    trace_id            VARCHAR(100)
);

-- Keyset listing, newest first, with and without filters (API: GET /api/v1/operations).
CREATE INDEX operations_created_idx ON operations (created_at DESC, id DESC);
CREATE INDEX operations_status_created_idx ON operations (status, created_at, id);
CREATE INDEX operations_agent_created_idx ON operations (agent, created_at, id);
-- Recovery and lease renewal: one node's unfinished records.
CREATE INDEX operations_owner_status_idx ON operations (owner_node, status);
-- Pruning by age and by count walks finished records oldest first.
CREATE INDEX operations_finished_idx ON operations (finished_at);
-- At most one record holds a key; NULLs (no key) do not collide on either database.
CREATE UNIQUE INDEX operations_idempotency_key_uq ON operations (idempotency_key);
