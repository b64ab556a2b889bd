package io.keel.governor;

/** Thrown by an {@link InstanceSelector} when no instance can take an attempt; the attempt fails retryably. */
public class NoInstanceAvailableException extends RetryableException {

    public NoInstanceAvailableException(String message) {
        super(message);
    }
}
