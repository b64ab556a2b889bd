package io.keel.storage;

import java.time.Duration;

/**
 * What optimisation runs remove. Pinned files are exempt from all three rules (only an explicit delete removes
 * them); per-file TTLs are set at ingest ({@link IngestOptions#ttl}).
 *
 * @param maxAge                age after which an unpinned file is removed, or {@code null} for no limit
 * @param maxTotalStoredBytes   on-disk total above which least recently accessed unpinned files are evicted,
 *                              or 0 for no limit; also the store's capacity when set
 */
public record RetentionPolicy(Duration maxAge, long maxTotalStoredBytes) {

    public RetentionPolicy {
        if (maxAge != null && (maxAge.isZero() || maxAge.isNegative())) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        if (maxTotalStoredBytes < 0) {
            throw new IllegalArgumentException("maxTotalStoredBytes must be >= 0, was " + maxTotalStoredBytes);
        }
    }

    public static RetentionPolicy none() {
        return new RetentionPolicy(null, 0);
    }

    public RetentionPolicy withMaxAge(Duration age) {
        return new RetentionPolicy(age, maxTotalStoredBytes);
    }

    public RetentionPolicy withMaxTotalStoredBytes(long bytes) {
        return new RetentionPolicy(maxAge, bytes);
    }
}
