package io.keel.governor;

import java.util.Objects;

/**
 * An agent type the governor runs operations for.
 *
 * @param name           unique name, e.g. {@code "echo"}
 * @param kind           I/O (virtual threads) or CPU (bounded platform pool)
 * @param maxConcurrency this agent's own concurrency cap; 0 means {@link Limits#maxConcurrencyPerAgent()}
 * @param retry          how its retryable failures are retried
 */
public record AgentSpec(String name, ExecutionKind kind, int maxConcurrency, RetryPolicy retry) {

    public AgentSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("agent name must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(retry, "retry");
        if (maxConcurrency < 0) {
            throw new IllegalArgumentException("maxConcurrency must not be negative, was " + maxConcurrency);
        }
    }

    public static AgentSpec io(String name) {
        return new AgentSpec(name, ExecutionKind.IO, 0, RetryPolicy.none());
    }

    public static AgentSpec cpu(String name) {
        return new AgentSpec(name, ExecutionKind.CPU, 0, RetryPolicy.none());
    }

    public AgentSpec withMaxConcurrency(int value) {
        return new AgentSpec(name, kind, value, retry);
    }

    public AgentSpec withRetry(RetryPolicy value) {
        return new AgentSpec(name, kind, maxConcurrency, value);
    }
}
