package io.keel.server.records;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * One group-commit lane: an open {@link PendingBatch} that writes join, and one platform thread that commits it.
 * The store routes each record id to one lane, so all writes of an operation keep their order while lanes commit
 * in parallel (SQL execution is CPU work; one thread would cap the store at one core).
 *
 * <p>Invariants, all under {@link #lock}:
 * <ul>
 *   <li>An id is in at most one slot of the open batch; a terminal record there is never replaced.</li>
 *   <li>A write for an id whose terminal state is in flight, or was recently committed, is not queued: the
 *       first terminal state accepted is final. Older ids rely on the SQL guard in the upsert.</li>
 *   <li>Only the lane thread moves the open batch in flight and clears in flight after the commit, so a reader
 *       checking open, then in flight, then the database (in that order) sees every accepted write.</li>
 * </ul>
 * No lock is held during JDBC; waiting parks virtual threads without pinning.
 *
 * <p>Batch size is what makes durable records cheap (a commit rewrites the pages it touched, whatever their
 * number of rows), so while the lane is busy (its previous batch held more than one record) a batch with a waiter
 * lingers for company as long as records keep joining it, up to {@code busyLinger}; an idle lane commits a lone
 * waiter at once.
 */
final class WriteLane {

    private static final System.Logger LOG = System.getLogger(WriteLane.class.getName());
    private static final int MAX_REMEMBERED_UNFINISHED = 1_000_000;
    /** A busy lane's batch is committed once no record has joined it for this long (or at busyLinger). */
    private static final long QUIET_GAP_NANOS = 300_000;

    private final BatchWriter writer;
    private final WriterMetrics metrics;
    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final long lingerNanos;
    private final long busyLingerNanos;
    private final RecentTerminals recentTerminals = new RecentTerminals(32_768);
    private final LongAdder terminalsCommitted = new LongAdder();
    /** Ids whose non-terminal state this lane committed: a hint that their next write must be an upsert. */
    private final Set<String> committedUnfinished = new HashSet<>();
    private int lastBatchSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final Thread thread;
    private PendingBatch open = new PendingBatch();
    private PendingBatch inFlight;
    private boolean closing;

    WriteLane(String name, BatchWriter writer, WriterMetrics metrics, int maxBatchSize, long maxDelayNanos,
              long lingerNanos, long busyLingerNanos) {
        this.writer = writer;
        this.metrics = metrics;
        this.maxBatchSize = maxBatchSize;
        this.maxDelayNanos = maxDelayNanos;
        this.lingerNanos = lingerNanos;
        this.busyLingerNanos = busyLingerNanos;
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        thread.start();
    }

    /** Queues a write; returns the batch whose commit makes it durable (or that decided it changes nothing). */
    PendingBatch enqueue(OperationRecord record, boolean waiting) {
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("record store is closed; cannot write operation '"
                        + record.id() + "' (" + record.status() + ")");
            }
            OperationRecord inFlightRecord = inFlight == null ? null : inFlight.get(record.id());
            if (inFlightRecord != null && inFlightRecord.isTerminal()) {
                return inFlight; // its first terminal state is being committed; that is what a caller waits for
            }
            if (recentTerminals.contains(record.id())) {
                return PendingBatch.COMMITTED;
            }
            // Wake the lane only when its wait changes: first work, first waiter (the window shortens), a full batch.
            // While it lingers it looks for newcomers itself, so a busy lane is not woken once per record.
            boolean firstWaiter = waiting && !open.hasWaiter();
            open.offer(record);
            if (waiting) {
                open.markWaiter();
            }
            if (firstWaiter || open.size() == 1 || open.size() >= maxBatchSize) {
                workAvailable.signalAll();
            }
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** The accepted but not yet committed state of an id, if any. */
    OperationRecord pending(String id) {
        lock.lock();
        try {
            OperationRecord record = open.get(id);
            return record != null || inFlight == null ? record : inFlight.get(id);
        } finally {
            lock.unlock();
        }
    }

    Optional<OperationRecord> findPending(Predicate<OperationRecord> matching) {
        lock.lock();
        try {
            for (OperationRecord record : open.records()) {
                if (matching.test(record)) {
                    return Optional.of(record);
                }
            }
            if (inFlight != null) {
                for (OperationRecord record : inFlight.records()) {
                    if (matching.test(record)) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Asks for everything accepted so far to be committed now; returns the batch to wait for, or null. */
    PendingBatch requestFlush() {
        lock.lock();
        try {
            if (!open.isEmpty()) {
                open.markUrgent();
                workAvailable.signalAll();
                return open;
            }
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new writes, lets the thread commit what was accepted, and waits for it to end. */
    void close() {
        lock.lock();
        try {
            closing = true;
            open.markUrgent();
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        PendingBatch batch;
        while ((batch = takeBatch()) != null) {
            long started = System.nanoTime();
            try {
                writer.write(batch);
            } catch (Throwable unexpected) {
                // Whatever went wrong, waiters must hear of it rather than wait for ever.
                for (OperationRecord record : batch.records()) {
                    if (batch.failure(record.id()) == null) {
                        batch.fail(record.id(), new RecordStoreException("record writer failed: " + unexpected,
                                unexpected));
                    }
                }
                LOG.log(Level.ERROR, "record writer failed on a batch of " + batch.size() + "; it carries on",
                        unexpected);
            }
            metrics.batchWritten(batch.size(), System.nanoTime() - started, batch.failureCount());
            lock.lock();
            try {
                inFlight = null;
                lastBatchSize = batch.size();
                for (OperationRecord record : batch.records()) {
                    if (batch.failure(record.id()) != null) {
                        continue;
                    }
                    if (record.isTerminal()) {
                        terminalsCommitted.increment();
                        recentTerminals.add(record.id());
                        committedUnfinished.remove(record.id());
                    } else {
                        committedUnfinished.add(record.id());
                    }
                }
                if (committedUnfinished.size() > MAX_REMEMBERED_UNFINISHED) {
                    // Only a hint: a forgotten id costs one failed insert and a rewrite of its batch with upserts.
                    committedUnfinished.clear();
                }
            } finally {
                lock.unlock();
            }
            batch.completeCommitted();
        }
    }


    private Set<String> neverCommitted(PendingBatch batch) {
        Set<String> ids = new HashSet<>();
        for (OperationRecord record : batch.records()) {
            if (!committedUnfinished.contains(record.id())) {
                ids.add(record.id());
            }
        }
        return ids;
    }

    /** Terminal records this lane committed so far (a record rewritten after a failed batch may count twice). */
    long terminalsCommitted() {
        return terminalsCommitted.sum();
    }

    /** Waits for work, lets the batch fill for its window, then moves it in flight; null once closed and drained. */
    private PendingBatch takeBatch() {
        lock.lock();
        try {
            while (open.isEmpty()) {
                if (closing) {
                    return null;
                }
                workAvailable.awaitUninterruptibly();
            }
            long windowStart = System.nanoTime();
            boolean busy = lastBatchSize > 1 && busyLingerNanos > 0;
            int sizeSeen = 0;
            long busyDeadline = windowStart;
            while (!closing && !open.isUrgent() && open.size() < maxBatchSize) {
                long now = System.nanoTime();
                long deadline;
                if (!open.hasWaiter()) {
                    deadline = windowStart + maxDelayNanos;
                } else {
                    deadline = windowStart + lingerNanos;
                    if (busy) {
                        // Linger while records keep coming, never past busyLinger: a closed group of clients,
                        // all waiting in this batch, is committed one quiet gap after the last of them arrived.
                        if (open.size() > sizeSeen) {
                            sizeSeen = open.size();
                            busyDeadline = Math.min(windowStart + busyLingerNanos, now + QUIET_GAP_NANOS);
                        }
                        deadline = Math.max(deadline, busyDeadline);
                    }
                }
                long remaining = deadline - now;
                if (remaining <= 0) {
                    break;
                }
                workAvailable.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts this thread; if someone does, write now
        } finally {
            if (!open.isEmpty()) {
                inFlight = open;
                open = new PendingBatch();
                inFlight.markFresh(neverCommitted(inFlight));
            }
            lock.unlock();
        }
        return inFlight;
    }
}
