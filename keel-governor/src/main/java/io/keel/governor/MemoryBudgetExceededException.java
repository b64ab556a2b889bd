package io.keel.governor;

import java.time.Duration;

/** The operation's estimated bytes cannot be reserved: larger than the whole budget, or the wait would be unbounded. */
public final class MemoryBudgetExceededException extends OperationRejectedException {

    public MemoryBudgetExceededException(String message, Duration retryAfter) {
        super(message, retryAfter);
    }
}
