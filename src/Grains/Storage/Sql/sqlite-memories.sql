-- Synap's own table of instance memories on SQLite (standalone mode; API.md §11), beside Orleans' grain storage.
--
-- One row per memory, never a grain state: an instance may hold 100 000 memories, and an ingest writes one row.
-- Times are integers, microseconds since the Unix epoch (UTC), so they sort as they compare. Listings read one
-- page through (instance_id, created_at, memory_id); memories_count counts through (instance_id, status); pending
-- rows are found after a restart through the small partial index. Idempotent; runs on every start.

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS synap_memories
(
    instance_id    TEXT    NOT NULL,
    memory_id      TEXT    NOT NULL,
    scope          TEXT    NOT NULL,
    scope_id       TEXT    NULL,
    content        TEXT    NOT NULL,
    metadata       TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    completed_at   INTEGER NULL,
    correlation_id TEXT    NOT NULL,
    content_sha256 TEXT    NULL,
    token_estimate INTEGER NULL,
    PRIMARY KEY (instance_id, memory_id)
);

CREATE INDEX IF NOT EXISTS ix_synap_memories_listing ON synap_memories (instance_id, created_at, memory_id);

CREATE INDEX IF NOT EXISTS ix_synap_memories_status ON synap_memories (instance_id, status);

CREATE INDEX IF NOT EXISTS ix_synap_memories_pending ON synap_memories (instance_id, created_at) WHERE status = 'pending';

COMMIT;
