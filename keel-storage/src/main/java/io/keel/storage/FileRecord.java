package io.keel.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * The metadata row of one logical file, as a {@link FileRepository} keeps it.
 *
 * @param expiresAt per-file TTL deadline, or {@code null}
 */
public record FileRecord(String id, String name, String sha256, long sizeBytes, Instant createdAt,
                         Instant lastAccessAt, boolean pinned, Instant expiresAt) {

    public FileRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastAccessAt, "lastAccessAt");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
    }

    public FileRecord withLastAccessAt(Instant at) {
        return new FileRecord(id, name, sha256, sizeBytes, createdAt, at, pinned, expiresAt);
    }
}
