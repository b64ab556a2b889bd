package io.keel.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Copies selected Micrometer meters into a {@link History} each tick, so rules and charts can use any
 * meter the application already records. Series names derive from the meter name:
 * <ul>
 *   <li>gauge → {@code name}</li>
 *   <li>counter → {@code name.rate} (per second since the previous tick)</li>
 *   <li>timer → {@code name.rate}, {@code name.mean} (seconds, over the last tick), {@code name.max} (seconds),
 *       and {@code name.p95} etc. for each percentile the timer publishes</li>
 *   <li>distribution summary → the same without the unit conversion</li>
 *   <li>long task timer → {@code name.active}</li>
 * </ul>
 * Tags carry over unchanged. Not thread-safe: call from one scheduler job.
 */
public final class MeterRecorder {

    private final MeterRegistry registry;
    private final Predicate<Meter.Id> filter;
    private final Map<Meter.Id, double[]> previous = new ConcurrentHashMap<>();
    private long previousMillis = Long.MIN_VALUE;

    public MeterRecorder(MeterRegistry registry, Predicate<Meter.Id> filter) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    public void recordInto(History history, long epochMillis) {
        double seconds = previousMillis == Long.MIN_VALUE ? 0 : (epochMillis - previousMillis) / 1000.0;
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (!filter.test(id)) {
                continue;
            }
            Map<String, String> tags = tags(id);
            String name = id.getName();
            switch (meter) {
                case Gauge g -> history.record(new SeriesKey(name, tags), epochMillis, g.value());
                case Counter c -> rate(history, id, name, tags, c.count(), 0, seconds, epochMillis, 1);
                case FunctionCounter c -> rate(history, id, name, tags, c.count(), 0, seconds, epochMillis, 1);
                case Timer t -> {
                    rate(history, id, name, tags, t.count(), t.totalTime(TimeUnit.SECONDS), seconds, epochMillis, 1);
                    history.record(new SeriesKey(name + ".max", tags), epochMillis, t.max(TimeUnit.SECONDS));
                    percentiles(history, name, tags, t.takeSnapshot(), epochMillis, 1e-9);
                }
                case FunctionTimer t ->
                        rate(history, id, name, tags, t.count(), t.totalTime(TimeUnit.SECONDS), seconds, epochMillis, 1);
                case DistributionSummary s -> {
                    rate(history, id, name, tags, s.count(), s.totalAmount(), seconds, epochMillis, 1);
                    history.record(new SeriesKey(name + ".max", tags), epochMillis, s.max());
                    percentiles(history, name, tags, s.takeSnapshot(), epochMillis, 1);
                }
                case LongTaskTimer t -> history.record(new SeriesKey(name + ".active", tags), epochMillis, t.activeTasks());
                default -> { }
            }
        }
        previousMillis = epochMillis;
    }

    /** Rate of a cumulative count, plus the mean of a cumulative total over the same interval when given. */
    private void rate(History history, Meter.Id id, String name, Map<String, String> tags, double count, double total,
                      double seconds, long epochMillis, double unit) {
        double[] prev = previous.put(id, new double[] {count, total});
        if (prev == null || seconds <= 0) {
            return;
        }
        double dc = count - prev[0];
        if (dc < 0) {
            return; // the meter was reset; skip one interval rather than record a negative rate
        }
        history.record(new SeriesKey(name + ".rate", tags), epochMillis, dc / seconds);
        if (total != 0 || prev[1] != 0) {
            history.record(new SeriesKey(name + ".mean", tags), epochMillis, dc == 0 ? 0 : (total - prev[1]) / dc * unit);
        }
    }

    private static void percentiles(History history, String name, Map<String, String> tags, HistogramSnapshot snap,
                                    long epochMillis, double nanosToUnit) {
        for (ValueAtPercentile p : snap.percentileValues()) {
            String suffix = String.format(Locale.ROOT, ".p%s", trim(p.percentile() * 100));
            history.record(new SeriesKey(name + suffix, tags), epochMillis,
                    nanosToUnit == 1 ? p.value() : p.value(TimeUnit.SECONDS));
        }
    }

    private static String trim(double pct) {
        return pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct).replace('.', '_');
    }

    private static Map<String, String> tags(Meter.Id id) {
        if (id.getTags().isEmpty()) {
            return Map.of();
        }
        Map<String, String> tags = new TreeMap<>();
        for (Tag t : id.getTags()) {
            tags.put(t.getKey(), t.getValue());
        }
        return tags;
    }

    /** Forgets rate state (for tests and registry swaps). */
    void reset() {
        previous.clear();
        previousMillis = Long.MIN_VALUE;
    }
}
