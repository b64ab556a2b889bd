package io.keel.governor;

import java.time.Duration;

/**
 * The instance an attempt runs on, held for the attempt's duration. The governor releases it exactly
 * once with the attempt's outcome, so balancers can count in-flight work and learn latencies.
 */
public interface InstanceLease {

    String instanceId();

    /** The instance object itself (a client, an endpoint), or null for the local default. */
    Object target();

    void release(Outcome outcome);

    /**
     * How an attempt went on this instance.
     *
     * @param succeeded true when the attempt returned normally
     * @param duration  how long it ran
     * @param error     the failure, or null
     */
    record Outcome(boolean succeeded, Duration duration, Throwable error) {
    }
}
