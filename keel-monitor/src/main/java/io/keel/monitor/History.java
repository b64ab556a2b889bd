package io.keel.monitor;

import io.keel.monitor.internal.SeriesRing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounded metric history: every series in fixed-size ring buffers at several resolutions
 * ({@link HistoryConfig}). Memory is {@code maxSeries × bytesPerSeries} at most and does not grow with uptime.
 *
 * <p>Thread-safe. The series map is a ConcurrentHashMap; the per-name index is an immutable list replaced
 * atomically on insert (series are created rarely, read every evaluation cycle); each series guards its
 * own buckets.
 */
public final class History {

    private final HistoryConfig config;
    private final ConcurrentHashMap<SeriesKey, SeriesRing> series = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<SeriesKey>> byName = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder refusedSeries = new LongAdder();
    private final LongAdder lateSamples = new LongAdder();

    public History(HistoryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public HistoryConfig config() {
        return config;
    }

    /** Records one sample; NaN and infinite values are ignored. False when ignored, late or over the series limit. */
    public boolean record(SeriesKey key, long epochMillis, double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        SeriesRing ring = series.get(key);
        if (ring == null) {
            ring = create(key);
            if (ring == null) {
                refusedSeries.increment();
                return false;
            }
        }
        boolean accepted = ring.add(epochMillis, value);
        if (!accepted) {
            lateSamples.increment();
        }
        return accepted;
    }

    public boolean record(SeriesKey key, Instant at, double value) {
        return record(key, at.toEpochMilli(), value);
    }

    private SeriesRing create(SeriesKey key) {
        return series.computeIfAbsent(key, k -> {
            if (size.incrementAndGet() > config.maxSeries()) {
                size.decrementAndGet();
                return null;
            }
            byName.compute(k.name(), (name, old) -> {
                List<SeriesKey> next = old == null ? new ArrayList<>() : new ArrayList<>(old);
                next.add(k);
                return List.copyOf(next);
            });
            return new SeriesRing(k, config);
        });
    }

    /** Every series with this name, whatever its tags. */
    public List<SeriesKey> seriesNamed(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Names of all series held. */
    public java.util.Set<String> names() {
        return java.util.Set.copyOf(byName.keySet());
    }

    public List<SeriesKey> keys() {
        return List.copyOf(series.keySet());
    }

    public int seriesCount() {
        return size.get();
    }

    /** The newest raw value of a series, if it has one. */
    public OptionalDouble latest(SeriesKey key) {
        SeriesRing ring = series.get(key);
        if (ring == null || ring.lastMillis() == Long.MIN_VALUE) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ring.lastValue());
    }

    /** The newest value if it was sampled at or after {@code notBeforeMillis}; NaN when absent or stale. */
    public double latestSince(SeriesKey key, long notBeforeMillis) {
        SeriesRing ring = series.get(key);
        return ring == null ? Double.NaN : ring.lastValueSince(notBeforeMillis);
    }

    /** Epoch millis of the newest sample, or Long.MIN_VALUE when there is none. */
    public long latestMillis(SeriesKey key) {
        SeriesRing ring = series.get(key);
        return ring == null ? Long.MIN_VALUE : ring.lastMillis();
    }

    /** Min, max and mean of bucket averages over {@code [now - lookback, now]}, at the finest tier still covering it. */
    public WindowStats stats(SeriesKey key, Duration lookback, Instant now) {
        SeriesRing ring = series.get(key);
        if (ring == null) {
            return WindowStats.EMPTY;
        }
        long to = now.toEpochMilli();
        long from = to - lookback.toMillis();
        return ring.stats(ring.tierCovering(from), from, to);
    }

    /** Buckets over {@code [now - lookback, now]} at the finest tier still covering the start. */
    public HistoryWindow window(SeriesKey key, Duration lookback, Instant now) {
        SeriesRing ring = series.get(key);
        long to = now.toEpochMilli();
        long from = to - lookback.toMillis();
        if (ring == null) {
            return new HistoryWindow(key.name(), key.tags(), config.tiers().getFirst().step().toMillis(),
                    new long[0], new float[0], new float[0], new float[0]);
        }
        return ring.window(ring.tierCovering(from), from, to);
    }

    /** Buckets of one tier (0 = finest) over {@code [from, to]}. */
    public HistoryWindow window(SeriesKey key, int tier, Instant from, Instant to) {
        if (tier < 0 || tier >= config.tiers().size()) {
            throw new IllegalArgumentException("tier must be in [0, " + config.tiers().size() + "), was " + tier);
        }
        SeriesRing ring = series.get(key);
        if (ring == null) {
            return new HistoryWindow(key.name(), key.tags(), config.tiers().get(tier).step().toMillis(),
                    new long[0], new float[0], new float[0], new float[0]);
        }
        return ring.window(tier, from.toEpochMilli(), to.toEpochMilli());
    }

    /** Bytes held by bucket arrays of all series: the part of the footprint that scales with series × span. */
    public long retainedBytes() {
        long total = 0;
        for (SeriesRing ring : series.values()) {
            total += ring.retainedBytes();
        }
        return total;
    }

    /** Series refused because {@link HistoryConfig#maxSeries()} was reached. */
    public long refusedSeries() {
        return refusedSeries.sum();
    }

    /** Samples that arrived for a bucket older than the open one and were dropped. */
    public long lateSamples() {
        return lateSamples.sum();
    }
}
