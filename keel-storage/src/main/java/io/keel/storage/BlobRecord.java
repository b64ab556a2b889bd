package io.keel.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * The metadata row of one stored content: its hash, original and on-disk sizes, form and reference count.
 */
public record BlobRecord(String sha256, long sizeBytes, long storedBytes, boolean compressed, long refCount,
                         Instant createdAt) {

    public BlobRecord {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(createdAt, "createdAt");
        if (sizeBytes < 0 || storedBytes < 0 || refCount < 0) {
            throw new IllegalArgumentException("sizes and refCount must be >= 0, were " + sizeBytes + "/"
                    + storedBytes + "/" + refCount);
        }
    }

    public BlobRecord withRefCount(long count) {
        return new BlobRecord(sha256, sizeBytes, storedBytes, compressed, count, createdAt);
    }

    public BlobRecord withStorage(long stored, boolean isCompressed) {
        return new BlobRecord(sha256, sizeBytes, stored, isCompressed, refCount, createdAt);
    }
}
