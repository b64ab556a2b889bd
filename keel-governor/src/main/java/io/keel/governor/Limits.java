package io.keel.governor;

import java.time.Duration;

/**
 * What the governor admits. Immutable; validated at construction; change them at run time with
 * {@link Governor#changeLimits(Limits)}. Defaults follow requirement F1.
 *
 * @param maxConcurrency         operations running at once, across all agents
 * @param maxConcurrencyPerAgent operations of one agent running at once, unless its {@link AgentSpec} says otherwise
 * @param memoryBudgetBytes      sum of the estimated bytes of running operations
 * @param maxInputBytes          largest input an operation may declare; larger is refused at the door
 * @param defaultTimeout         deadline of an operation that names none, counted from submission
 * @param maxTimeout             longest deadline an operation may ask for
 * @param queueCapacity          operations waiting at once; beyond it submit is refused
 * @param agingStep              how long a waiting operation waits to gain one priority level (so 0 cannot starve)
 */
public record Limits(
        int maxConcurrency,
        int maxConcurrencyPerAgent,
        long memoryBudgetBytes,
        long maxInputBytes,
        Duration defaultTimeout,
        Duration maxTimeout,
        int queueCapacity,
        Duration agingStep) {

    public static final long MB = 1024L * 1024L;

    public Limits {
        requirePositive("maxConcurrency", maxConcurrency);
        requirePositive("maxConcurrencyPerAgent", maxConcurrencyPerAgent);
        requirePositive("memoryBudgetBytes", memoryBudgetBytes);
        requirePositive("maxInputBytes", maxInputBytes);
        requirePositive("defaultTimeout", defaultTimeout);
        requirePositive("maxTimeout", maxTimeout);
        requirePositive("queueCapacity", queueCapacity);
        requirePositive("agingStep", agingStep);
        if (defaultTimeout.compareTo(maxTimeout) > 0) {
            throw new IllegalStateException(
                    "defaultTimeout " + defaultTimeout + " exceeds maxTimeout " + maxTimeout);
        }
    }

    /** F1: 10 concurrent, 500 MB budget, 100 MB inputs, 300 s timeout; 10,000 waiting; one level per 5 s of waiting. */
    public static Limits defaults() {
        return new Limits(10, 10, 500 * MB, 100 * MB, Duration.ofSeconds(300), Duration.ofHours(1),
                10_000, Duration.ofSeconds(5));
    }

    public Limits withMaxConcurrency(int value) {
        return new Limits(value, maxConcurrencyPerAgent, memoryBudgetBytes, maxInputBytes, defaultTimeout,
                maxTimeout, queueCapacity, agingStep);
    }

    public Limits withMaxConcurrencyPerAgent(int value) {
        return new Limits(maxConcurrency, value, memoryBudgetBytes, maxInputBytes, defaultTimeout,
                maxTimeout, queueCapacity, agingStep);
    }

    public Limits withMemoryBudgetBytes(long value) {
        return new Limits(maxConcurrency, maxConcurrencyPerAgent, value, maxInputBytes, defaultTimeout,
                maxTimeout, queueCapacity, agingStep);
    }

    public Limits withMaxInputBytes(long value) {
        return new Limits(maxConcurrency, maxConcurrencyPerAgent, memoryBudgetBytes, value, defaultTimeout,
                maxTimeout, queueCapacity, agingStep);
    }

    public Limits withDefaultTimeout(Duration value) {
        return new Limits(maxConcurrency, maxConcurrencyPerAgent, memoryBudgetBytes, maxInputBytes, value,
                maxTimeout, queueCapacity, agingStep);
    }

    public Limits withMaxTimeout(Duration value) {
        return new Limits(maxConcurrency, maxConcurrencyPerAgent, memoryBudgetBytes, maxInputBytes, defaultTimeout,
                value, queueCapacity, agingStep);
    }

    public Limits withQueueCapacity(int value) {
        return new Limits(maxConcurrency, maxConcurrencyPerAgent, memoryBudgetBytes, maxInputBytes, defaultTimeout,
                maxTimeout, value, agingStep);
    }

    public Limits withAgingStep(Duration value) {
        return new Limits(maxConcurrency, maxConcurrencyPerAgent, memoryBudgetBytes, maxInputBytes, defaultTimeout,
                maxTimeout, queueCapacity, value);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
    }
}
