package io.keel.governor.internal;

import java.util.concurrent.atomic.AtomicLong;

import io.keel.governor.Limits;

/**
 * The global admission state: running permits and reserved bytes, packed into one {@code long} so
 * that taking both is a single CAS on the uncontended path.
 *
 * <p>Layout: {@code state = running << BYTES_BITS | reservedBytes}; the sign bit stays clear. Hence
 * concurrency caps are clamped to {@link #MAX_RUNNING} (about 4 million) and budgets to
 * {@link #MAX_BYTES} (2 TiB); larger configured values simply mean "no tighter than that".
 *
 * <p>Invariants: every successful {@link #tryAcquire} is matched by exactly one {@link #release} with
 * the same agent and bytes (the operation state machine guarantees this), so the counters return to
 * zero when nothing runs. The caps are read from one immutable {@link Caps} swapped by
 * {@link #limits(Limits)}; counters never depend on the caps, so changing limits cannot lose or
 * double-count a permit: lower caps only refuse new acquisitions until enough work has finished.
 *
 * <p>A failed acquisition may briefly hold and give back an agent permit; whoever fails must therefore
 * make sure the queue is drained afterwards (the governor always enqueues and drains after a failure).
 */
final class Permits {

    static final int OK = 0;
    static final int GLOBAL_FULL = 1;
    static final int AGENT_FULL = 2;
    static final int BYTES_FULL = 3;

    static final int BYTES_BITS = 41;
    static final long MAX_BYTES = (1L << BYTES_BITS) - 1;
    static final long MAX_RUNNING = (1L << (63 - BYTES_BITS)) - 1;
    private static final long ONE_RUNNING = 1L << BYTES_BITS;

    private record Caps(long maxRunning, long budget) {
    }

    private final AtomicLong state = new AtomicLong();
    private volatile Caps caps;

    Permits(Limits limits) {
        limits(limits);
    }

    void limits(Limits limits) {
        caps = new Caps(Math.min(limits.maxConcurrency(), MAX_RUNNING), Math.min(limits.memoryBudgetBytes(), MAX_BYTES));
    }

    /** @return {@link #OK} with the permits taken, or why not (nothing is held then) */
    int tryAcquire(AgentState agent, long bytes) {
        Caps c = caps;
        if (!agent.tryIncrementRunning()) {
            return AGENT_FULL;
        }
        for (;;) {
            long s = state.get();
            if ((s >>> BYTES_BITS) >= c.maxRunning) {
                agent.decrementRunning();
                return GLOBAL_FULL;
            }
            if (bytes > c.budget - (s & MAX_BYTES)) {
                agent.decrementRunning();
                return BYTES_FULL;
            }
            if (state.compareAndSet(s, s + ONE_RUNNING + bytes)) {
                return OK;
            }
        }
    }

    void release(AgentState agent, long bytes) {
        state.getAndAdd(-(ONE_RUNNING + bytes));
        agent.decrementRunning();
    }

    /** True when no operation could start whatever its agent or bytes: every global permit is taken. */
    boolean globallyFull() {
        return (state.get() >>> BYTES_BITS) >= caps.maxRunning;
    }

    int running() {
        return (int) (state.get() >>> BYTES_BITS);
    }

    long reservedBytes() {
        return state.get() & MAX_BYTES;
    }
}
