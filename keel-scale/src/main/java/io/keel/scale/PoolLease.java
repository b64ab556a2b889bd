package io.keel.scale;

import java.time.Duration;

/**
 * One slot on one instance, held for one attempt. Release it exactly once (later calls are ignored),
 * with how the attempt went: that feeds in-flight counts, latency EWMA, outlier detection and the
 * circuit breaker.
 */
public interface PoolLease {

    String instanceId();

    /** The in-process agent object, or the remote agent's base {@link java.net.URI}. */
    Object target();

    void release(boolean succeeded, Duration duration, Throwable error);
}
