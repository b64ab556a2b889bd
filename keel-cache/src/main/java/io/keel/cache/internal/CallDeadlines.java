package io.keel.cache.internal;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Times out L2 calls that all share one timeout, without a timer task per call.
 *
 * <p>{@code CompletableFuture.orTimeout} schedules and cancels one task per call, and on an otherwise idle timer
 * each schedule wakes the timer thread: one thread switch per L2 round trip, which on a loaded two-core machine
 * cost a bulk read about a fifth of its throughput. Here a call is appended to a queue (in deadline order, since the
 * timeout is the same for all) and one sweep, scheduled only while calls wait, fails those past their deadline.
 * A call times out between {@code timeout} and {@code timeout + timeout/8} after it started.
 *
 * <p>A call that finishes lets go of its queue slot's reference to it at once: the slot stays queued until its
 * deadline, and holding the finished future would keep its result (a whole bulk read) reachable for the full
 * timeout, which made every young collection copy a quarter second of results (docs/benchmarks/cache.md).
 */
final class CallDeadlines {

    /** A queue slot; completes with its call and then forgets it. */
    private static final class Waiting implements BiConsumer<Object, Throwable> {
        private volatile CompletableFuture<?> call;
        private final long deadline;

        Waiting(CompletableFuture<?> call, long deadline) {
            this.call = call;
            this.deadline = deadline;
        }

        @Override
        public void accept(Object value, Throwable failure) {
            call = null;
        }
    }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keel-cache-l2-deadlines");
        t.setDaemon(true);
        return t;
    });

    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();
    private final long timeoutNanos;
    private final long minGapNanos;

    CallDeadlines(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
        this.minGapNanos = Math.max(1, timeoutNanos / 8);
    }

    /** Fails {@code call} with a {@link TimeoutException} if it is still running when its deadline passes. */
    <T> CompletableFuture<T> watch(CompletableFuture<T> call) {
        if (call.isDone()) {
            return call;
        }
        Waiting slot = new Waiting(call, System.nanoTime() + timeoutNanos);
        waiting.add(slot);
        call.whenComplete(slot);
        if (sweepScheduled.compareAndSet(false, true)) {
            TIMER.schedule(this::sweep, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        return call;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Waiting w; (w = waiting.peek()) != null && w.deadline - now <= 0; ) {
            waiting.poll();
            CompletableFuture<?> call = w.call;
            if (call != null && !call.isDone()) {
                call.completeExceptionally(new TimeoutException("L2 call took longer than "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
            }
        }
        sweepScheduled.set(false);
        // A call added after the loop either scheduled its own sweep or is seen here.
        Waiting next = waiting.peek();
        if (next != null && sweepScheduled.compareAndSet(false, true)) {
            TIMER.schedule(this::sweep, Math.max(next.deadline - now, minGapNanos), TimeUnit.NANOSECONDS);
        }
    }
}
