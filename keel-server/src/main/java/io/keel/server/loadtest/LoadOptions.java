package io.keel.server.loadtest;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to drive a scenario. Open model when {@code rate > 0} (constant arrival rate, latency from the intended
 * start); closed model when {@code users > 0} (each user sends, waits for the answer, thinks, repeats).
 * {@code maxInFlight} bounds the open model's concurrent requests: past it, a request waits for a slot (late).
 */
public record LoadOptions(URI target, double rate, int users, Duration think, Duration rampUp, Duration duration,
                          int maxInFlight, Duration timeout) {

    public LoadOptions {
        Objects.requireNonNull(target, "target");
        if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
            throw new IllegalArgumentException("--target: expected an http(s) URL, was '" + target + "'");
        }
        if (rate < 0 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("--rate: must be >= 0, was '" + rate + "'");
        }
        if (users < 0) {
            throw new IllegalArgumentException("--users: must be >= 0, was '" + users + "'");
        }
        if ((rate > 0) == (users > 0)) {
            throw new IllegalArgumentException("give exactly one of --rate (open model) or --users (closed model), was rate='"
                    + rate + "' users='" + users + "'");
        }
        if (think.isNegative()) {
            throw new IllegalArgumentException("--think-ms: must be >= 0, was '" + think.toMillis() + "'");
        }
        if (rampUp.isNegative()) {
            throw new IllegalArgumentException("--ramp-up: must be >= 0, was '" + rampUp + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration: must be > 0, was '" + duration + "'");
        }
        if (maxInFlight <= 0) {
            throw new IllegalArgumentException("--max-in-flight: must be > 0, was '" + maxInFlight + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout: must be > 0, was '" + timeout + "'");
        }
    }

    public static LoadOptions open(URI target, double rate, Duration rampUp, Duration duration) {
        return new LoadOptions(target, rate, 0, Duration.ZERO, rampUp, duration, 10_000, Duration.ofSeconds(10));
    }

    public static LoadOptions closed(URI target, int users, Duration think, Duration rampUp, Duration duration) {
        return new LoadOptions(target, 0, users, think, rampUp, duration, 10_000, Duration.ofSeconds(10));
    }

    public boolean openModel() {
        return rate > 0;
    }

    public LoadOptions withRate(double newRate) {
        return new LoadOptions(target, newRate, 0, think, rampUp, duration, maxInFlight, timeout);
    }
}
