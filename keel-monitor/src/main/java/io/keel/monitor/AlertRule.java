package io.keel.monitor;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A declarative alert rule over the series named {@code series} (and carrying the {@code tags} given;
 * every matching series gets its own alert).
 *
 * <p>Lifecycle per matching series: the condition {@code signal comparison threshold} must hold in at
 * least {@code n} of the last {@code m} evaluations (debounce); once it does, the alert is PENDING, and
 * FIRING when that has lasted {@code forDuration}. A firing alert resolves when, in {@code n} of the
 * last {@code m} evaluations, the value is on the good side of {@code clearThreshold} (hysteresis: for
 * ABOVE, at or below it). A pending alert whose condition lapses just disappears.
 *
 * @param window the lookback for {@link Signal#AVG} and {@link Signal#DROP}; ignored for LAST
 */
public record AlertRule(String name, String series, Map<String, String> tags, Signal signal, Duration window,
                        Comparison comparison, double threshold, double clearThreshold, Duration forDuration,
                        int n, int m, Severity severity, String description) {

    public AlertRule {
        requireText(name, "name", name);
        requireText(series, "series", name);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        Objects.requireNonNull(signal, () -> "alert rule '" + name + "': field 'signal' is required");
        window = window == null ? Duration.ZERO : window;
        Objects.requireNonNull(comparison, () -> "alert rule '" + name + "': field 'comparison' is required");
        Objects.requireNonNull(severity, () -> "alert rule '" + name + "': field 'severity' is required");
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        description = description == null ? "" : description;
        if (!Double.isFinite(threshold)) {
            throw invalid(name, "threshold", "must be a finite number, was " + threshold);
        }
        if (!Double.isFinite(clearThreshold)) {
            throw invalid(name, "clear", "must be a finite number, was " + clearThreshold);
        }
        if (comparison == Comparison.ABOVE ? clearThreshold > threshold : clearThreshold < threshold) {
            throw invalid(name, "clear", "must be on the good side of threshold " + threshold + " (hysteresis), was "
                    + clearThreshold);
        }
        if (forDuration.isNegative()) {
            throw invalid(name, "for", "must not be negative, was " + forDuration);
        }
        if (signal != Signal.LAST && (window.isNegative() || window.isZero())) {
            throw invalid(name, "window", "must be positive for signal " + signal + ", was " + window);
        }
        if (m < 1 || m > 64) {
            throw invalid(name, "m", "must be in [1, 64], was " + m);
        }
        if (n < 1 || n > m) {
            throw invalid(name, "n", "must be in [1, m=" + m + "], was " + n);
        }
    }

    private static void requireText(String value, String field, String rule) {
        if (value == null || value.isBlank()) {
            throw invalid(rule, field, "is required, was '" + value + "'");
        }
    }

    static IllegalArgumentException invalid(String rule, String field, String message) {
        return new IllegalArgumentException("alert rule '" + rule + "': field '" + field + "' " + message);
    }

    /** Starts a rule that fires when the newest value of {@code series} is above {@code threshold}. */
    public static Builder above(String name, String series, double threshold) {
        return new Builder(name, series, Comparison.ABOVE, threshold);
    }

    public static Builder below(String name, String series, double threshold) {
        return new Builder(name, series, Comparison.BELOW, threshold);
    }

    /** Fluent construction; defaults: signal LAST, clear = threshold, for 0, 1-of-1, WARNING. */
    public static final class Builder {
        private final String name;
        private final String series;
        private final Comparison comparison;
        private final double threshold;
        private Map<String, String> tags = Map.of();
        private Signal signal = Signal.LAST;
        private Duration window = Duration.ZERO;
        private Double clear;
        private Duration forDuration = Duration.ZERO;
        private int n = 1;
        private int m = 1;
        private Severity severity = Severity.WARNING;
        private String description = "";

        private Builder(String name, String series, Comparison comparison, double threshold) {
            this.name = name;
            this.series = series;
            this.comparison = comparison;
            this.threshold = threshold;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder signal(Signal signal, Duration window) {
            this.signal = signal;
            this.window = window;
            return this;
        }

        public Builder clearAt(double clearThreshold) {
            this.clear = clearThreshold;
            return this;
        }

        public Builder forDuration(Duration d) {
            this.forDuration = d;
            return this;
        }

        public Builder nOfM(int n, int m) {
            this.n = n;
            this.m = m;
            return this;
        }

        public Builder severity(Severity s) {
            this.severity = s;
            return this;
        }

        public Builder description(String d) {
            this.description = d;
            return this;
        }

        public AlertRule build() {
            return new AlertRule(name, series, tags, signal, window, comparison, threshold,
                    clear == null ? threshold : clear, forDuration, n, m, severity, description);
        }
    }
}
