package io.keel.scale;

import java.time.Duration;

/**
 * Active health checks for remote instances: GET {@code endpoint + path} every interval; a 2xx
 * answer passes. A JSON body with {@code "cpu"} and {@code "memory"} fractions is taken as the
 * instance's reported load.
 *
 * @param healthyThreshold   passes in a row that make a STARTING or UNHEALTHY instance READY
 * @param unhealthyThreshold failures in a row that make a READY instance UNHEALTHY
 */
public record HealthCheck(String path, Duration interval, Duration timeout, int healthyThreshold,
                          int unhealthyThreshold) {

    public HealthCheck {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("health path must start with '/', not " + path);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, not " + interval);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        if (healthyThreshold < 1) {
            throw new IllegalArgumentException("healthyThreshold must be at least 1, not " + healthyThreshold);
        }
        if (unhealthyThreshold < 1) {
            throw new IllegalArgumentException("unhealthyThreshold must be at least 1, not " + unhealthyThreshold);
        }
    }

    /** GET /health every 5 s, 2 s timeout, 2 passes to become ready, 3 failures to become unhealthy. */
    public static HealthCheck of(String path) {
        return new HealthCheck(path, Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 3);
    }
}
