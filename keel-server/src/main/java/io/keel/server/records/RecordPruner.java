package io.keel.server.records;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;

/**
 * Keeps the records bounded (DESIGN.md, "Records are bounded"): deletes finished records older than
 * {@code maxAge}, then the oldest finished ones beyond {@code maxCount}. Unfinished records are never touched.
 * A maintenance job: register it with {@code MaintenanceScheduler}; its outcome reads "deleted N".
 */
public final class RecordPruner implements Callable<String> {

    private final OperationRecordStore store;
    private final InstantSource clock;
    private final Duration maxAge;
    private final long maxCount;

    public RecordPruner(OperationRecordStore store, InstantSource clock, Duration maxAge, long maxCount) {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("record max age must be positive, was " + maxAge);
        }
        if (maxCount < 0) {
            throw new IllegalArgumentException("record max count must not be negative, was " + maxCount);
        }
        this.store = store;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxCount = maxCount;
    }

    /** Prunes once; returns how many records were deleted. */
    public int pruneOnce() {
        return store.prune(clock.instant().minus(maxAge), maxCount);
    }

    @Override
    public String call() {
        return "deleted " + pruneOnce();
    }
}
