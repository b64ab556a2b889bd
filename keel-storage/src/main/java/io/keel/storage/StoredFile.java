package io.keel.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A logical file as callers see it: its own name and times, and the size its shared blob takes on disk.
 *
 * @param storedBytes bytes of the blob on disk (shared with every file of the same content)
 * @param compressed  whether the blob is stored zstd-compressed
 * @param expiresAt   when a per-file TTL removes it, or {@code null} for no TTL
 */
public record StoredFile(String id, String name, long sizeBytes, long storedBytes, String sha256, boolean compressed,
                         Instant createdAt, Instant lastAccessAt, boolean pinned, Instant expiresAt) {

    public StoredFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastAccessAt, "lastAccessAt");
    }
}
