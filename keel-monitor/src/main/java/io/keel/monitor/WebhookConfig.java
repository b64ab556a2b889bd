package io.keel.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how stubbornly to post alert notifications.
 *
 * @param maxAttempts    first try included; after that the notification is given up (and logged)
 * @param initialBackoff wait before the second attempt; doubles per attempt up to {@code maxBackoff}
 * @param maxPending     notifications in flight or waiting to retry; more are dropped (and counted) so a dead
 *                       receiver cannot hold unbounded memory
 */
public record WebhookConfig(URI uri, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                            Duration requestTimeout, int maxPending, Map<String, String> headers) {

    public WebhookConfig {
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("webhook uri must be http(s), was " + uri);
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be in [1, 20], was " + maxAttempts);
        }
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be positive, was " + maxPending);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    private static void requirePositive(Duration d, String field) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + d);
        }
    }

    /** 5 attempts, 1 s doubling to 30 s, 10 s request timeout, 1,000 pending. */
    public static WebhookConfig of(URI uri) {
        return new WebhookConfig(uri, 5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10), 1_000,
                Map.of());
    }

    public WebhookConfig withBackoff(Duration initial, Duration max) {
        return new WebhookConfig(uri, maxAttempts, initial, max, requestTimeout, maxPending, headers);
    }

    public WebhookConfig withMaxAttempts(int attempts) {
        return new WebhookConfig(uri, attempts, initialBackoff, maxBackoff, requestTimeout, maxPending, headers);
    }

    /** Backoff before attempt {@code attempt} (2 = first retry). */
    public Duration backoffBefore(int attempt) {
        long millis = initialBackoff.toMillis();
        for (int i = 2; i < attempt && millis < maxBackoff.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
