package io.keel.governor;

import java.time.Duration;

/**
 * Submit refused at the door: no operation was created. Each kind of refusal has its own subclass, and
 * every message snapshots the state that caused it, e.g.
 * {@code agent 'cpu' queue full (capacity=1000, running=10/10, reserved=480/500 MB)}.
 *
 * <p>Stack traces are not filled in: refusals are expected under overload and must stay cheap.
 */
public abstract class OperationRejectedException extends RuntimeException {

    private final transient Duration retryAfter;

    protected OperationRejectedException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** When trying again may succeed, or null when it will not (the request itself is at fault). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
