package io.keel.governor;

import java.time.Duration;

/** The queue is at capacity; trying again after {@link #retryAfter()} may succeed. */
public final class QueueFullException extends OperationRejectedException {

    public QueueFullException(String message, Duration retryAfter) {
        super(message, retryAfter);
    }
}
