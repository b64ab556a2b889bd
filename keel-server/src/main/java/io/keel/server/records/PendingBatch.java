package io.keel.server.records;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records waiting for one commit, keyed by id, and the signal that the commit happened.
 *
 * <p>Not thread-safe by itself: the store mutates it under its lock while the batch is open; once the writer has
 * taken it, only the writer adds failures, and {@link #completeCommitted()} publishes them to waiters (the
 * future's completion is a happens-before edge; the failure map is concurrent anyway).
 */
final class PendingBatch {

    /** Stands for a batch committed long ago: waiting on it returns at once. */
    static final PendingBatch COMMITTED = committedBatch();

    private final Map<String, OperationRecord> records = new LinkedHashMap<>();
    private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
    private Set<String> fresh = Set.of();
    private final CompletableFuture<Void> committed = new CompletableFuture<>();
    private boolean waiter;
    private boolean urgent;

    private static PendingBatch committedBatch() {
        PendingBatch batch = new PendingBatch();
        batch.completeCommitted();
        return batch;
    }

    /** Latest write wins, except that a terminal record, once here, stays: the first terminal state is final. */
    void offer(OperationRecord record) {
        OperationRecord previous = records.get(record.id());
        if (previous == null || !previous.isTerminal()) {
            records.put(record.id(), record);
        }
    }

    OperationRecord get(String id) {
        return records.get(id);
    }

    Collection<OperationRecord> records() {
        return records.values();
    }

    int size() {
        return records.size();
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    /** A {@code saveTerminal} caller waits for this batch. */
    void markWaiter() {
        waiter = true;
    }

    boolean hasWaiter() {
        return waiter;
    }

    /** A flush or close wants this batch written now. */
    void markUrgent() {
        urgent = true;
    }

    boolean isUrgent() {
        return urgent;
    }

    /** Set by the lane when it takes the batch: the ids it has never committed, so an insert should do. */
    void markFresh(Set<String> ids) {
        this.fresh = ids;
    }

    boolean isFresh(OperationRecord record) {
        return fresh.contains(record.id());
    }

    void fail(String id, RuntimeException failure) {
        failures.put(id, failure);
    }

    RuntimeException failure(String id) {
        return failures.get(id);
    }

    int failureCount() {
        return failures.size();
    }

    void completeCommitted() {
        committed.complete(null);
    }

    /** Waits, ignoring interrupts, until the writer has finished with this batch. */
    void awaitCommitted() {
        committed.join();
    }
}
