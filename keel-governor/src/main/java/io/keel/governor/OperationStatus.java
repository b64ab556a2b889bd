package io.keel.governor;

/**
 * Where an operation is in its life. Every accepted operation ends in exactly one terminal state;
 * the allowed moves between states are listed once, in {@link OperationTransitions}.
 */
public enum OperationStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    TIMED_OUT,
    /** A queued operation the governor had to drop: shutdown, agent removed. */
    REJECTED;

    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }
}
