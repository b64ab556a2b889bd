package io.keel.governor;

import java.time.Duration;

/** The governor is shutting down and admits nothing new. */
public final class GovernorShutdownException extends OperationRejectedException {

    public GovernorShutdownException(String message, Duration retryAfter) {
        super(message, retryAfter);
    }
}
