package io.keel.governor.internal;

import java.time.Instant;

import io.keel.governor.InstanceLease;
import io.keel.governor.OperationContext;
import io.keel.governor.ProgressReporter;

/** What one attempt's task sees of its operation. Immutable apart from the operation it reads through. */
record AttemptContext(GovernedOperation<?> op, int attempt, InstanceLease instance) implements OperationContext {

    @Override
    public String operationId() {
        return op.id;
    }

    @Override
    public String agent() {
        return op.spec.agent();
    }

    @Override
    public Instant deadline() {
        return op.deadline;
    }

    @Override
    public ProgressReporter progress() {
        return op.tracker();
    }

    @Override
    public boolean isCancelled() {
        return op.isEnded();
    }
}
