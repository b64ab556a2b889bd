package io.keel.governor.internal;

import java.util.Random;

import io.keel.governor.RetryPolicy;

/** Exponential backoff with jitter: the policy's wait, less a random fraction of up to {@code jitter} of it. */
final class Backoff {

    private Backoff() {
    }

    static long delayNanos(RetryPolicy policy, int nextAttempt, Random random) {
        long base = policy.backoffBefore(nextAttempt).toNanos();
        if (base <= 0 || policy.jitter() == 0.0) {
            return Math.max(0, base);
        }
        double fraction = random.nextDouble();
        return (long) (base * (1.0 - policy.jitter() * fraction));
    }
}
