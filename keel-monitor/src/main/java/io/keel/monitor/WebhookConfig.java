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

    /**
     * From configuration: {@code url} (required), {@code maxAttempts}, {@code initialBackoff},
     * {@code maxBackoff}, {@code timeout} (durations like "1s"), {@code maxPending}, {@code headers} (map).
     */
    public static WebhookConfig fromConfig(Map<String, ?> map) {
        String ctx = "webhook";
        for (String key : map.keySet()) {
            if (!java.util.List.of("url", "maxAttempts", "initialBackoff", "maxBackoff", "timeout", "maxPending", "headers")
                    .contains(key)) {
                throw new IllegalArgumentException(ctx + ": field '" + key + "' is unknown");
            }
        }
        URI uri;
        String url = io.keel.monitor.internal.ConfigValues.text(map, "url", ctx, null);
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ctx + ": field 'url' is not a URI, was '" + url + "'");
        }
        WebhookConfig d = of(uri.getScheme() == null ? URI.create("http://invalid") : uri);
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (map.get("headers") instanceof Map<?, ?> h) {
            h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        } else if (map.get("headers") != null) {
            throw new IllegalArgumentException(ctx + ": field 'headers' must be a map, was '" + map.get("headers") + "'");
        }
        return new WebhookConfig(uri,
                io.keel.monitor.internal.ConfigValues.integer(map, "maxAttempts", ctx, d.maxAttempts()),
                io.keel.monitor.internal.ConfigValues.duration(map, "initialBackoff", ctx, d.initialBackoff()),
                io.keel.monitor.internal.ConfigValues.duration(map, "maxBackoff", ctx, d.maxBackoff()),
                io.keel.monitor.internal.ConfigValues.duration(map, "timeout", ctx, d.requestTimeout()),
                io.keel.monitor.internal.ConfigValues.integer(map, "maxPending", ctx, d.maxPending()), headers);
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
