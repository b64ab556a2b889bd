package io.keel.monitor.internal;

import io.keel.monitor.HistoryConfig;
import io.keel.monitor.HistoryWindow;
import io.keel.monitor.SeriesKey;
import io.keel.monitor.WindowStats;
import java.util.concurrent.locks.ReentrantLock;

/**
 * All tiers of one series plus its latest raw sample.
 *
 * <p>Thread safety: writers (the sampler tick) and readers (rules, HTTP) meet on one lock per series;
 * critical sections are array updates or scans of at most one tier, never blocking calls, so contention
 * is short and per-series.
 */
public final class SeriesRing {

    private final SeriesKey key;
    private final TierRing[] tiers;
    private final ReentrantLock lock = new ReentrantLock();
    private long lastMillis = Long.MIN_VALUE;
    private double lastValue = Double.NaN;

    public SeriesRing(SeriesKey key, HistoryConfig config) {
        this.key = key;
        this.tiers = new TierRing[config.tiers().size()];
        for (int i = 0; i < tiers.length; i++) {
            HistoryConfig.Tier t = config.tiers().get(i);
            tiers[i] = new TierRing(t.step().toMillis(), t.buckets());
        }
    }

    public SeriesKey key() {
        return key;
    }

    /** Records a sample into every tier; false if it was late for the finest tier. */
    public boolean add(long epochMillis, double value) {
        lock.lock();
        try {
            boolean accepted = true;
            for (TierRing t : tiers) {
                accepted &= t.add(epochMillis, value);
            }
            if (epochMillis >= lastMillis) {
                lastMillis = epochMillis;
                lastValue = value;
            }
            return accepted;
        } finally {
            lock.unlock();
        }
    }

    public double lastValue() {
        lock.lock();
        try {
            return lastValue;
        } finally {
            lock.unlock();
        }
    }

    /** The newest value if sampled at or after {@code notBeforeMillis}, else NaN; one lock round for rule evaluation. */
    public double lastValueSince(long notBeforeMillis) {
        lock.lock();
        try {
            return lastMillis != Long.MIN_VALUE && lastMillis >= notBeforeMillis ? lastValue : Double.NaN;
        } finally {
            lock.unlock();
        }
    }

    public long lastMillis() {
        lock.lock();
        try {
            return lastMillis;
        } finally {
            lock.unlock();
        }
    }

    /** Finest tier that still holds {@code fromMillis}; the coarsest when none does. */
    public int tierCovering(long fromMillis) {
        lock.lock();
        try {
            for (int i = 0; i < tiers.length; i++) {
                if (tiers[i].oldestMillis() <= fromMillis) {
                    return i;
                }
            }
            return tiers.length - 1;
        } finally {
            lock.unlock();
        }
    }

    public WindowStats stats(int tier, long fromMillis, long toMillis) {
        double[] acc = {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0};
        lock.lock();
        try {
            tiers[tier].forEach(fromMillis, toMillis, (start, mn, mx, avg) -> {
                acc[0]++;
                acc[1] = Math.min(acc[1], mn);
                acc[2] = Math.max(acc[2], mx);
                acc[3] += avg;
            });
        } finally {
            lock.unlock();
        }
        int n = (int) acc[0];
        return n == 0 ? WindowStats.EMPTY : new WindowStats(n, acc[1], acc[2], acc[3] / n);
    }

    public HistoryWindow window(int tier, long fromMillis, long toMillis) {
        lock.lock();
        try {
            TierRing t = tiers[tier];
            int[] n = {0};
            t.forEach(fromMillis, toMillis, (start, mn, mx, avg) -> n[0]++);
            long[] times = new long[n[0]];
            float[] mins = new float[n[0]];
            float[] maxs = new float[n[0]];
            float[] avgs = new float[n[0]];
            int[] i = {0};
            t.forEach(fromMillis, toMillis, (start, mn, mx, avg) -> {
                times[i[0]] = start;
                mins[i[0]] = mn;
                maxs[i[0]] = mx;
                avgs[i[0]] = avg;
                i[0]++;
            });
            return new HistoryWindow(key.name(), key.tags(), t.stepMillis, times, mins, maxs, avgs);
        } finally {
            lock.unlock();
        }
    }

    public int tierCount() {
        return tiers.length;
    }

    public long retainedBytes() {
        long total = 0;
        for (TierRing t : tiers) {
            total += t.retainedBytes();
        }
        return total;
    }
}
