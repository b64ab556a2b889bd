package io.keel.cache.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Closed → (threshold consecutive failures) → open → (after the open duration, one probe) → closed or open again.
 *
 * <p>State is one immutable record swapped by CAS, so exactly one caller wins each transition and runs its
 * callback; the failure streak is a separate counter reset by any success while closed.
 */
final class CircuitBreaker {

    enum Kind { CLOSED, OPEN, PROBING }

    record State(Kind kind, long openedAt) {
    }

    interface Transitions {
        void opened();

        /** Called while still {@code PROBING}; the breaker closes only if this returns true. */
        boolean beforeClose();

        void closed();
    }

    private final int threshold;
    private final long openNanos;
    private final LongSupplier ticker;
    private final Transitions transitions;
    private final AtomicReference<State> state = new AtomicReference<>(new State(Kind.CLOSED, 0));
    private final AtomicInteger failures = new AtomicInteger();

    CircuitBreaker(int threshold, long openNanos, LongSupplier ticker, Transitions transitions) {
        this.threshold = threshold;
        this.openNanos = openNanos;
        this.ticker = ticker;
        this.transitions = transitions;
    }

    boolean isClosed() {
        return state.get().kind() == Kind.CLOSED;
    }

    /** True once the open period has passed and this caller won the right to probe. */
    boolean tryStartProbe() {
        State s = state.get();
        return s.kind() == Kind.OPEN && ticker.getAsLong() - s.openedAt() >= openNanos
                && state.compareAndSet(s, new State(Kind.PROBING, s.openedAt()));
    }

    /**
     * Opens a closed breaker without waiting for failures, with its open period already over, so the next caller
     * may probe at once: for a second level known to be unreachable from the start.
     */
    void open() {
        State s = state.get();
        if (s.kind() == Kind.CLOSED && state.compareAndSet(s, new State(Kind.OPEN, ticker.getAsLong() - openNanos))) {
            transitions.opened();
        }
    }

    void probeSucceeded() {
        State s = state.get();
        if (s.kind() != Kind.PROBING) {
            return;
        }
        if (!transitions.beforeClose()) {
            probeFailed();
            return;
        }
        if (state.compareAndSet(s, new State(Kind.CLOSED, 0))) {
            failures.set(0);
            transitions.closed();
        }
    }

    void probeFailed() {
        State s = state.get();
        if (s.kind() == Kind.PROBING) {
            state.compareAndSet(s, new State(Kind.OPEN, ticker.getAsLong()));
        }
    }

    void onSuccess() {
        if (failures.get() != 0) {
            failures.set(0);
        }
    }

    void onFailure() {
        if (failures.incrementAndGet() >= threshold) {
            State s = state.get();
            if (s.kind() == Kind.CLOSED && state.compareAndSet(s, new State(Kind.OPEN, ticker.getAsLong()))) {
                transitions.opened();
            }
        }
    }
}
