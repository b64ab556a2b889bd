package io.keel.governor;

/**
 * Thrown by a handler to say "this attempt failed, but another may succeed". Only such failures are
 * retried, and only for idempotent operations; any other exception ends the operation FAILED.
 */
public class RetryableException extends RuntimeException {

    public RetryableException(String message) {
        super(message);
    }

    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
