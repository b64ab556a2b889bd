package io.keel.server.records;

/**
 * An upper bound on the number of finished records, so that pruning by count need not count them every time.
 *
 * <p>Counting is a scan of every finished record (about a second of CPU per million on H2), and the maintenance
 * scheduler prunes every minute, loaded or idle. The bound is the last exact count plus the terminal records this
 * node committed since; deletions only lower the truth, so it stays an upper bound. While it is at or under the
 * limit nothing can be over it and the count is skipped. Records that other nodes sharing the database write are
 * not in the bound, so an exact count still runs at least every {@code exactEvery} prunes.
 *
 * <p>Not thread-safe: the store calls it under its prune lock.
 */
final class FinishedCountBound {

    private final int exactEvery;
    private long lastCount = -1;
    private long committedAtCount;
    private int skipped;

    FinishedCountBound(int exactEvery) {
        if (exactEvery < 1) {
            throw new IllegalArgumentException("exactEvery must be at least 1, was " + exactEvery);
        }
        this.exactEvery = exactEvery;
    }

    /**
     * Whether the finished records may exceed {@code limit}, given how many terminal records this node has committed
     * so far; false means the caller may skip counting (and is counted as a skip).
     */
    boolean mayExceed(long limit, long committedNow) {
        if (lastCount < 0 || skipped + 1 >= exactEvery || lastCount + (committedNow - committedAtCount) > limit) {
            return true;
        }
        skipped++;
        return false;
    }

    /**
     * Records an exact count of finished records (after any deletions it led to), taken with {@code committedBefore}
     * read before the count: records committed while it ran are then counted twice at worst, never missed.
     */
    void counted(long finished, long committedBefore) {
        lastCount = finished;
        committedAtCount = committedBefore;
        skipped = 0;
    }
}
