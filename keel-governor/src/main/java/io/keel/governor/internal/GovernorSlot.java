package io.keel.governor.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import io.keel.governor.ProgressReporter;
import io.keel.governor.Slot;

/**
 * A granted slot: holds its operation's permits until {@link #close()}, which gives them back exactly once
 * (CAS on {@code closed}) and then ends the operation SUCCEEDED, or FAILED after {@link #fail}. If the
 * operation already ended (cancelled, timed out, shutdown) closing only gives the permits back.
 */
final class GovernorSlot implements Slot {

    private final DefaultGovernor governor;
    private final GovernedOperation<?> op;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Throwable failure;

    GovernorSlot(DefaultGovernor governor, GovernedOperation<?> op) {
        this.governor = governor;
        this.op = op;
    }

    @Override
    public String operationId() {
        return op.id;
    }

    @Override
    public ProgressReporter progress() {
        return op.tracker();
    }

    @Override
    public boolean isCancelled() {
        return op.isEnded();
    }

    @Override
    public void fail(Throwable error) {
        this.failure = java.util.Objects.requireNonNull(error, "error");
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            governor.slotClosed(op, failure);
        }
    }

    @Override
    public String toString() {
        return "Slot[" + op.id + ", " + op.status() + "]";
    }
}
