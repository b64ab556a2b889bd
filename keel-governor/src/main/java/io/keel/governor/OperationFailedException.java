package io.keel.governor;

/** Completes an operation's result future when it ends in any state but SUCCEEDED. */
public class OperationFailedException extends RuntimeException {

    private final transient OperationSnapshot snapshot;

    public OperationFailedException(OperationSnapshot snapshot, Throwable cause) {
        super("operation " + snapshot.id() + " ended " + snapshot.status()
                + (snapshot.failure() == null ? "" : ": " + snapshot.failure().message()), cause);
        this.snapshot = snapshot;
    }

    public OperationStatus status() {
        return snapshot.status();
    }

    public OperationSnapshot snapshot() {
        return snapshot;
    }
}
