package io.keel.governor.internal;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Times operations out without a timer entry per operation. Scheduling and cancelling one timer task per
 * operation (a lock and a heap update each, often a wake-up of the timer thread) cost more than the rest of a
 * trivial operation; instead the timer thread calls {@link #sweep()} every tick, which returns at once unless
 * the earliest known deadline has passed, and only then walks the operations it is given.
 *
 * <p>Invariant: {@code earliest} is never later than the deadline of any live operation. Registration lowers
 * it by CAS when needed (with the default timeout it almost never is: a volatile read); a sweep that walks
 * recomputes it from the operations still live. A registration racing with a walk is safe because the walk
 * ends with a CAS that only raises {@code earliest} from the value it started with, so a concurrent lowering
 * wins. Deadlines are read from the injected nanoTime, so a manual clock makes timeouts deterministic in tests.
 * Precision is one tick.
 */
final class DeadlineSweeper {

    private final LongSupplier nanoTime;
    private final Collection<GovernedOperation<?>> operations;
    private final Consumer<GovernedOperation<?>> onDeadline;
    private final AtomicLong earliest = new AtomicLong(Long.MAX_VALUE);

    DeadlineSweeper(LongSupplier nanoTime, Collection<GovernedOperation<?>> operations,
                    Consumer<GovernedOperation<?>> onDeadline) {
        this.nanoTime = nanoTime;
        this.operations = operations;
        this.onDeadline = onDeadline;
    }

    void register(long deadlineNanos) {
        long e;
        while (deadlineNanos - (e = earliest.get()) < 0) {
            if (earliest.compareAndSet(e, deadlineNanos)) {
                return;
            }
        }
    }

    void sweep() {
        long seen = earliest.get();
        long now = nanoTime.getAsLong();
        if (seen == Long.MAX_VALUE || now - seen < 0) {
            return;
        }
        // walk from scratch: anything registered from here on lowers 'earliest' itself
        if (!earliest.compareAndSet(seen, Long.MAX_VALUE)) {
            return; // lowered meanwhile: the next tick walks
        }
        long next = Long.MAX_VALUE;
        for (GovernedOperation<?> op : operations) {
            if (op.isEnded()) {
                continue;
            }
            if (now - op.deadlineNanos >= 0) {
                onDeadline.accept(op);
            } else if (op.deadlineNanos - next < 0) {
                next = op.deadlineNanos;
            }
        }
        register(next);
    }
}
