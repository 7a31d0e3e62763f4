-- Synap's own table of instance memories on PostgreSQL (API.md §11), beside Orleans' tables.
--
-- One row per memory, never a grain state: an instance may hold 100 000 memories, and an ingest writes one row.
-- Listings read one page through (instance_id, created_at, memory_id) and count with the same filter; the
-- memories_count of an instance counts through (instance_id, status); pending rows are found after a restart
-- through the small partial index. Idempotent; runs on every start under the same advisory lock as the main script.

BEGIN;

SELECT pg_advisory_xact_lock(358519562608);

CREATE TABLE IF NOT EXISTS synap_memories
(
    instance_id    varchar(32)  NOT NULL,
    memory_id      varchar(32)  NOT NULL,
    scope          varchar(16)  NOT NULL,
    scope_id       text         NULL,
    content        text         NOT NULL,
    metadata       text         NOT NULL,
    status         varchar(16)  NOT NULL,
    created_at     timestamptz  NOT NULL,
    completed_at   timestamptz  NULL,
    correlation_id text         NOT NULL,
    content_sha256 char(64)     NULL,
    token_estimate integer      NULL,
    CONSTRAINT pk_synap_memories PRIMARY KEY (instance_id, memory_id)
);

CREATE INDEX IF NOT EXISTS ix_synap_memories_listing ON synap_memories (instance_id, created_at, memory_id);

CREATE INDEX IF NOT EXISTS ix_synap_memories_status ON synap_memories (instance_id, status);

CREATE INDEX IF NOT EXISTS ix_synap_memories_pending ON synap_memories (instance_id, created_at) WHERE status = 'pending';

COMMIT;
