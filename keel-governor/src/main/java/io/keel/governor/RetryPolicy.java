package io.keel.governor;

import java.time.Duration;

/**
 * How an agent's failed attempts are retried: exponential backoff with jitter. A retry happens only when
 * the failure is marked retryable ({@link RetryableException}) and the operation is idempotent.
 *
 * @param maxAttempts    attempts in all, the first included (1 = no retry)
 * @param initialBackoff wait before the second attempt
 * @param maxBackoff     cap on any one wait
 * @param multiplier     growth of the wait per attempt
 * @param jitter         fraction of each wait drawn at random, 0 (none) to 1 (full jitter)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
                          double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative, was " + initialBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff must be at least initialBackoff " + initialBackoff + ", was " + maxBackoff);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
        if (jitter < 0.0 || jitter > 1.0) {
            throw new IllegalArgumentException("jitter must be within [0, 1], was " + jitter);
        }
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0);
    }

    public static RetryPolicy exponential(int maxAttempts, Duration initialBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, initialBackoff.multipliedBy(32), 2.0, 0.5);
    }

    /** The wait before attempt {@code nextAttempt} (2 for the first retry), before jitter. */
    public Duration backoffBefore(int nextAttempt) {
        double factor = Math.pow(multiplier, Math.max(0, nextAttempt - 2));
        double nanos = Math.min(initialBackoff.toNanos() * factor, (double) maxBackoff.toNanos());
        return Duration.ofNanos((long) nanos);
    }
}
