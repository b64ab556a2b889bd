package io.keel.scale;

import java.time.Duration;

/**
 * @param failureRate   open when this share of the window's outcomes failed…
 * @param window        …over the last this many outcomes (1..64)…
 * @param minimumCalls  …once it holds at least this many
 * @param openFor       how long calls fail fast before trial calls are let through
 * @param halfOpenCalls trial calls; all must succeed to close
 */
public record CircuitBreakerConfig(double failureRate, int window, int minimumCalls, Duration openFor,
                                   int halfOpenCalls) {

    public CircuitBreakerConfig {
        if (!(failureRate > 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate must be within (0, 1], not " + failureRate);
        }
        if (window < 1 || window > 64) {
            throw new IllegalArgumentException("window must be within 1..64, not " + window);
        }
        if (minimumCalls < 1 || minimumCalls > window) {
            throw new IllegalArgumentException("minimumCalls must be within 1..window, not " + minimumCalls);
        }
        if (openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("openFor must be positive, not " + openFor);
        }
        if (halfOpenCalls < 1) {
            throw new IllegalArgumentException("halfOpenCalls must be at least 1, not " + halfOpenCalls);
        }
    }

    /** Open at 50 % failures of the last 50 (at least 20), for 30 s, then 3 trial calls. */
    public static CircuitBreakerConfig defaults() {
        return new CircuitBreakerConfig(0.5, 50, 20, Duration.ofSeconds(30), 3);
    }
}
