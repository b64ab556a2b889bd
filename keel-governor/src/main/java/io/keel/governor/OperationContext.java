package io.keel.governor;

import java.time.Instant;
import java.util.concurrent.CancellationException;

/** What a running task can ask of the governor about its own operation. */
public interface OperationContext {

    String operationId();

    String agent();

    /** 1 for the first attempt, 2 for the first retry, ... */
    int attempt();

    /** When the operation times out. */
    Instant deadline();

    /** The instance the {@link InstanceSelector} picked for this attempt. */
    InstanceLease instance();

    ProgressReporter progress();

    /** True once the operation was cancelled, timed out, or the governor is shutting down. */
    boolean isCancelled();

    /** Throws {@link CancellationException} when {@link #isCancelled()}; a convenient check between steps. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("operation " + operationId() + " was cancelled");
        }
    }
}
