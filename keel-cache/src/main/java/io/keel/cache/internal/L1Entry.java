package io.keel.cache.internal;

import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * What L1 holds for a key: the value ({@code null} for a remembered miss), its version, tags, deadlines and a
 * decaying read count.
 *
 * <p>The read count lives in the entry so that a hit costs one hash lookup (Caffeine's) plus a field write on an
 * object the hit already touched. The count is racy by design (a plain write): concurrent hits may lose increments,
 * which only blurs an estimate. It packs the decay epoch (high 24 bits) with the count (low 40), halved once per
 * epoch passed.
 */
public final class L1Entry<V> {

    static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final int EPOCH_SHIFT = 40;
    private static final long COUNT_MASK = (1L << EPOCH_SHIFT) - 1;
    private static final AtomicIntegerFieldUpdater<L1Entry> REFRESHING =
            AtomicIntegerFieldUpdater.newUpdater(L1Entry.class, "refreshing");

    final V value;
    final long version;
    final Set<String> tags;
    final long expiresAt;
    final long refreshAt;
    final int weight;
    private long reads;
    private volatile int refreshing;

    L1Entry(V value, long version, Set<String> tags, long expiresAt, long refreshAt, int weight, int epoch,
            long initialReads) {
        this.value = value;
        this.version = version;
        this.tags = tags;
        this.expiresAt = expiresAt;
        this.refreshAt = refreshAt;
        this.weight = weight;
        this.reads = ((long) epoch << EPOCH_SHIFT) | initialReads;
    }

    /**
     * Counts a read. Once the count reaches {@code cap} within the current epoch the entry is not written again
     * until the next decay: classification needs no more, and hot entries then stay read-only cache lines
     * instead of bouncing between the cores that read them.
     */
    void touch(int epoch, long cap) {
        long s = reads;
        if ((int) (s >>> EPOCH_SHIFT) == epoch && (s & COUNT_MASK) >= cap) {
            return;
        }
        long count = decayed(s, epoch);
        reads = ((long) epoch << EPOCH_SHIFT) | Math.min(count + 1, COUNT_MASK);
    }

    long readsAt(int epoch) {
        return decayed(reads, epoch);
    }

    boolean startRefresh() {
        return REFRESHING.compareAndSet(this, 0, 1);
    }

    private static long decayed(long s, int epoch) {
        int then = (int) (s >>> EPOCH_SHIFT);
        long count = s & COUNT_MASK;
        int passed = epoch - then;
        return passed <= 0 ? count : passed >= 40 ? 0 : count >>> passed;
    }
}
