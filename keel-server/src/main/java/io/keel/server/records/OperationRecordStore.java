package io.keel.server.records;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable operation records (H2 by default, PostgreSQL when configured). One contract test suite runs
 * against both real databases.
 *
 * <p>Durability: {@link #saveTerminal} returns only once the terminal state is committed, so the API never
 * reports a terminal state a crash could lose. {@link #upsert} may be batched (group commit) and lost in a crash;
 * recovery then sees the last durable state.
 */
public interface OperationRecordStore extends AutoCloseable {

    /** Inserts or replaces a non-terminal record; may be written later in a batch. Never overwrites a terminal record. */
    void upsert(OperationRecord record);

    /** Writes a terminal record and returns once it is committed. Never overwrites a different terminal record. */
    void saveTerminal(OperationRecord record);

    Optional<OperationRecord> find(String id);

    /** The record created with this idempotency key at or after {@code notBefore}, if any. */
    Optional<OperationRecord> findByIdempotencyKey(String idempotencyKey, Instant notBefore);

    /**
     * Writes {@code record} as {@link #upsert} does, unless an operation created at or after {@code notBefore}
     * already holds its idempotency key; returns the holder of the key: {@code record} itself when the key was
     * free. Implementations make this atomic against concurrent claims of one key on this node (this default is
     * not: it suits single-threaded callers only).
     */
    default OperationRecord claimIdempotencyKey(OperationRecord record, Instant notBefore) {
        Optional<OperationRecord> holder = findByIdempotencyKey(record.idempotencyKey(), notBefore);
        if (holder.isPresent()) {
            return holder.get();
        }
        upsert(record);
        return record;
    }

    RecordPage list(RecordQuery query);

    /** This node's records that are still QUEUED or RUNNING, oldest first: what recovery must finish. */
    List<OperationRecord> unfinishedOwnedBy(String nodeId);

    /** Extends the lease of every unfinished record this node owns. */
    int renewLeases(String nodeId, Instant leaseExpiresAt);

    /**
     * Deletes terminal records finished before {@code finishedBefore}, then the oldest terminal records beyond
     * {@code keepAtMost}. Unfinished records are never pruned.
     *
     * @return how many were deleted
     */
    int prune(Instant finishedBefore, long keepAtMost);

    /** Forces every batched write to disk. */
    void flush();

    @Override
    void close();
}
