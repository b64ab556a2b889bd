package io.keel.scale;

import java.time.Duration;

/**
 * Passive health: an instance that fails too often in real traffic is ejected for a back-off that
 * doubles with each ejection in a row (base, 2×base, 4×base … up to max).
 *
 * @param consecutiveFailures eject after this many failures in a row
 * @param failureRate         or when this share of the last {@code window} outcomes failed…
 * @param window              …over a window of this many outcomes (1..64)…
 * @param minimumRequests     …once it holds at least this many
 * @param baseEjection        the first back-off
 * @param maxEjection         the longest back-off
 * @param maxEjectedPercent   never eject more than this share of the pool (at least one instance may
 *                            always be ejected)
 */
public record OutlierDetection(int consecutiveFailures, double failureRate, int window, int minimumRequests,
                               Duration baseEjection, Duration maxEjection, int maxEjectedPercent) {

    public OutlierDetection {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1, not " + consecutiveFailures);
        }
        if (!(failureRate > 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate must be within (0, 1], not " + failureRate);
        }
        if (window < 1 || window > 64) {
            throw new IllegalArgumentException("window must be within 1..64, not " + window);
        }
        if (minimumRequests < 1 || minimumRequests > window) {
            throw new IllegalArgumentException("minimumRequests must be within 1..window, not " + minimumRequests);
        }
        if (baseEjection.isNegative() || baseEjection.isZero()) {
            throw new IllegalArgumentException("baseEjection must be positive, not " + baseEjection);
        }
        if (maxEjection.compareTo(baseEjection) < 0) {
            throw new IllegalArgumentException("maxEjection must be at least baseEjection, not " + maxEjection);
        }
        if (maxEjectedPercent < 0 || maxEjectedPercent > 100) {
            throw new IllegalArgumentException("maxEjectedPercent must be within 0..100, not " + maxEjectedPercent);
        }
    }

    /** 5 in a row or half of the last 20 (at least 10), 30 s doubling to 5 min, at most half the pool. */
    public static OutlierDetection defaults() {
        return new OutlierDetection(5, 0.5, 20, 10, Duration.ofSeconds(30), Duration.ofMinutes(5), 50);
    }

    /** The back-off for the n-th ejection in a row (n ≥ 1). */
    public Duration backoff(int n) {
        long base = baseEjection.toNanos();
        int shift = Math.min(n - 1, 30);
        long nanos = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
        return Duration.ofNanos(Math.min(nanos, maxEjection.toNanos()));
    }
}
