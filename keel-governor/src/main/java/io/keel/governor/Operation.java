package io.keel.governor;

import java.util.concurrent.CompletableFuture;

/**
 * A handle on one submitted operation. Its result future completes exactly once, after the terminal
 * state is published: normally with the value, exceptionally with {@link OperationFailedException}
 * carrying the terminal status.
 */
public interface Operation<T> {

    String id();

    String agent();

    OperationStatus status();

    Progress progress();

    /** The current state as one consistent picture. */
    OperationSnapshot snapshot();

    CompletableFuture<T> result();

    /**
     * Cancels it: a queued operation leaves the queue, a running one is interrupted and flagged.
     *
     * @return true if this call ended it CANCELLED, false if it had already ended
     */
    boolean cancel();
}
