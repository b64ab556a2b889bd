package io.keel.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What suggestion rules look at: per series name, the window average, taking the worst (largest) over
 * tag sets — e.g. the busiest agent's queue wait. A name absent here means "no evidence", and a rule
 * needing it stays silent.
 */
public record Findings(Instant at, Duration window, Map<String, Double> values) {

    public Findings {
        values = Map.copyOf(values);
    }

    public static Findings of(Map<String, Double> values) {
        return new Findings(Instant.EPOCH, Duration.ZERO, values);
    }

    public static Findings from(History history, Duration window, Instant now) {
        Map<String, Double> values = new TreeMap<>();
        for (String name : history.names()) {
            for (SeriesKey key : history.seriesNamed(name)) {
                WindowStats s = history.stats(key, window, now);
                if (!s.isEmpty()) {
                    values.merge(name, s.avg(), Math::max);
                }
            }
        }
        return new Findings(now, window, values);
    }

    public OptionalDouble get(String name) {
        Double v = values.get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** True when the series is present and above the bound. */
    public boolean above(String name, double bound) {
        Double v = values.get(name);
        return v != null && v > bound;
    }

    public boolean below(String name, double bound) {
        Double v = values.get(name);
        return v != null && v < bound;
    }
}
