package io.keel.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * How one ingest runs.
 *
 * @param name      the file's name, validated by {@link FileNames#validate}; data only, never a path
 * @param maxBytes  the size limit; a longer stream is cut off and refused with {@link FileTooLargeException}
 * @param ttl       removal after this long (by optimisation runs), or {@code null}
 * @param pinned    exempt from retention
 * @param progress  called on the ingesting thread with the bytes read so far, after every chunk (64 KiB)
 * @param cancelled polled after every chunk; true aborts the ingest with {@link IngestCancelledException}
 *                  (so does an interrupt of the ingesting thread)
 */
public record IngestOptions(String name, long maxBytes, Duration ttl, boolean pinned, LongConsumer progress,
                            BooleanSupplier cancelled) {

    /** F1's default file size limit, 100 MB. */
    public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;

    private static final LongConsumer NO_PROGRESS = bytes -> { };
    private static final BooleanSupplier NEVER = () -> false;

    public IngestOptions {
        name = FileNames.validate(name);
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be > 0, was " + maxBytes);
        }
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** A file of this name with the default limit, no TTL, not pinned, no progress, never cancelled. */
    public static IngestOptions named(String name) {
        return new IngestOptions(name, DEFAULT_MAX_BYTES, null, false, NO_PROGRESS, NEVER);
    }

    public IngestOptions withMaxBytes(long limit) {
        return new IngestOptions(name, limit, ttl, pinned, progress, cancelled);
    }

    public IngestOptions withTtl(Duration timeToLive) {
        return new IngestOptions(name, maxBytes, timeToLive, pinned, progress, cancelled);
    }

    public IngestOptions withPinned(boolean pin) {
        return new IngestOptions(name, maxBytes, ttl, pin, progress, cancelled);
    }

    public IngestOptions withProgress(LongConsumer listener) {
        return new IngestOptions(name, maxBytes, ttl, pinned, listener, cancelled);
    }

    public IngestOptions withCancelled(BooleanSupplier flag) {
        return new IngestOptions(name, maxBytes, ttl, pinned, progress, flag);
    }
}
