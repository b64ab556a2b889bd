package io.keel.governor;

import java.util.Optional;

/**
 * Plugs into the life of every operation without changing the governor (DESIGN.md: the result cache,
 * durable records and metrics are interceptors). Interceptors run in the order they were added.
 */
public interface OperationInterceptor {

    /**
     * Called before admission. An answer ends the operation SUCCEEDED at once with that value and
     * {@link OperationSnapshot#answeredBefore()} set: it never queues and is never refused for capacity.
     * The first interceptor that answers wins.
     */
    default Optional<Object> answerBeforeAdmission(OperationSpec<?> spec) {
        return Optional.empty();
    }

    /** Wraps each attempt on the thread that runs it; call {@code attempt.proceed()} to go on. */
    default Object aroundAttempt(OperationContext context, AttemptInvocation attempt) throws Exception {
        return attempt.proceed();
    }

    /**
     * Called exactly once per operation, on the thread that ends it, with its terminal snapshot, before the
     * terminal state is visible through {@link Operation#status()}, the result future or events. Used to make
     * the state durable before anyone can report it. Must not block long; an exception is logged and ignored.
     */
    default void beforeTerminalPublished(OperationSnapshot terminal) {
    }

    /** The rest of the chain around one attempt. */
    @FunctionalInterface
    interface AttemptInvocation {
        Object proceed() throws Exception;
    }
}
