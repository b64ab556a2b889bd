package io.keel.cache.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * An exact counter for the L1 hit path that usually costs no atomic instruction.
 *
 * <p>Why: Caffeine's own statistics count a hit with a {@code LongAdder}, one compare-and-set per hit, and on this
 * project's 2-core VM that was a quarter or more of a hit's time; an atomic add on a per-thread stripe was no
 * cheaper, since the atomic instruction itself is the cost (docs/benchmarks/cache.md, L1 hits).
 *
 * <p>How: each thread hashes (by id) to one of 64 stripes, padded so that stripes share no cache line. The first
 * thread to use a stripe claims it with one compare-and-set and from then on is its only writer, adding with a
 * plain load and store. A thread whose stripe belongs to another live thread counts on a shared {@link LongAdder}
 * instead, so nothing is ever lost. A stripe whose owner has terminated is claimed by the next thread that needs
 * it: observing {@code isAlive() == false} happens after the old owner's last write, so its count carries over.
 * Long-lived threads (pools, carriers of benchmark loops) end up owning stripes; short-lived virtual threads mostly
 * pay one claim or the shared adder, no more than before. At most 64 terminated threads per counter stay
 * referenced until their stripes are claimed again.
 */
final class HitCounter {

    private static final int STRIPES = 64;
    /** Array elements per stripe: 128 bytes for the counts, at least that for the owners (4- or 8-byte refs). */
    private static final int COUNT_PAD = 16;
    private static final int OWNER_PAD = 32;
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle OWNER = MethodHandles.arrayElementVarHandle(Thread[].class);

    private final long[] counts = new long[STRIPES * COUNT_PAD];
    private final Thread[] owners = new Thread[STRIPES * OWNER_PAD];
    private final LongAdder shared = new LongAdder();

    void increment() {
        Thread me = Thread.currentThread();
        int stripe = stripeOf(me.threadId());
        Thread owner = (Thread) OWNER.getAcquire(owners, stripe * OWNER_PAD);
        if (owner == me || claim(stripe, owner, me)) {
            int i = stripe * COUNT_PAD;
            COUNT.setOpaque(counts, i, (long) COUNT.getOpaque(counts, i) + 1);
        } else {
            shared.increment();
        }
    }

    long sum() {
        long total = shared.sum();
        for (int s = 0; s < STRIPES; s++) {
            total += (long) COUNT.getVolatile(counts, s * COUNT_PAD);
        }
        return total;
    }

    private boolean claim(int stripe, Thread owner, Thread me) {
        if (owner != null && owner.isAlive()) {
            return false;
        }
        return OWNER.compareAndSet(owners, stripe * OWNER_PAD, owner, me);
    }

    /** Fibonacci hashing: consecutive ids (threads started together) land on different stripes. */
    static int stripeOf(long threadId) {
        return (int) ((threadId * 0x9E3779B97F4A7C15L) >>> 58);
    }
}
