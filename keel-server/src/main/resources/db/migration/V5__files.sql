-- File store metadata (keel-storage, issue 5): a copy of io/keel/storage/schema.sql.
-- Versioned V5 after the issue, so the other capabilities' migrations (V2..) do not collide with it.
-- keel-storage metadata: one row per stored content (blob) and one per logical file.
-- Portable DDL for H2 2.x and PostgreSQL; the server copies it into a Flyway migration.

CREATE TABLE IF NOT EXISTS keel_file_blobs (
    sha256        CHAR(64)                 NOT NULL PRIMARY KEY,
    size_bytes    BIGINT                   NOT NULL,
    stored_bytes  BIGINT                   NOT NULL,
    compressed    BOOLEAN                  NOT NULL,
    ref_count     BIGINT                   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE IF NOT EXISTS keel_files (
    id              VARCHAR(36)              NOT NULL PRIMARY KEY,
    name            VARCHAR(255)             NOT NULL,
    sha256          CHAR(64)                 NOT NULL REFERENCES keel_file_blobs (sha256),
    size_bytes      BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_access_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    pinned          BOOLEAN                  NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE
);

-- References of one blob (reference-count repair, dedup checks).
CREATE INDEX IF NOT EXISTS keel_files_sha256 ON keel_files (sha256);
-- TTL clean-up (I2): unpinned files by deadline.
CREATE INDEX IF NOT EXISTS keel_files_expires ON keel_files (pinned, expires_at);
-- Maximum-age retention: unpinned files by creation.
CREATE INDEX IF NOT EXISTS keel_files_created ON keel_files (pinned, created_at);
-- Size eviction: unpinned files, least recently accessed first.
CREATE INDEX IF NOT EXISTS keel_files_access ON keel_files (pinned, last_access_at, id);
-- Collection of unreferenced blobs.
CREATE INDEX IF NOT EXISTS keel_file_blobs_refs ON keel_file_blobs (ref_count);
