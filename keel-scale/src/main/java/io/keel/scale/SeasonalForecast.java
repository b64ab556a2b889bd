package io.keel.scale;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Seasonal-naive forecast with a level correction, over the pool's own load history: the load
 * expected between now and {@code at} is the peak of the same stretch one season ago, shifted by how
 * much the recent load differs from the same recent stretch one season ago. Needs one full season of
 * history; NaN before that.
 *
 * <p>History is a little more than one season of bucket means in a ring (each bucket remembers which absolute bucket it
 * holds, so stale buckets are recognised). Guarded by a lock: observations come once a period.
 */
public final class SeasonalForecast implements LoadForecast {

    private final long bucketMillis;
    private final int buckets;
    private final int levelBuckets;
    private final int ring;
    private final long[] bucketIndex;
    private final double[] sum;
    private final int[] count;
    private final ReentrantLock lock = new ReentrantLock();
    private long lastIndex = Long.MIN_VALUE;

    /**
     * @param season       the cycle length (e.g. one day)
     * @param bucket       the resolution (e.g. 5 minutes); must divide the season
     * @param levelWindow  how much recent history sets the level correction
     */
    public SeasonalForecast(Duration season, Duration bucket, Duration levelWindow) {
        if (bucket.isNegative() || bucket.isZero() || season.toMillis() % bucket.toMillis() != 0) {
            throw new IllegalArgumentException("bucket must be positive and divide the season, not " + bucket);
        }
        this.bucketMillis = bucket.toMillis();
        this.buckets = (int) (season.toMillis() / bucketMillis);
        if (buckets < 2) {
            throw new IllegalArgumentException("season must hold at least two buckets, not " + season);
        }
        this.levelBuckets = (int) Math.max(1, Math.min(buckets - 1, levelWindow.toMillis() / bucketMillis));
        // A little more than a season, so the level window's buckets of one season ago survive.
        this.ring = buckets + levelBuckets + 1;
        this.bucketIndex = new long[ring];
        java.util.Arrays.fill(bucketIndex, Long.MIN_VALUE);
        this.sum = new double[ring];
        this.count = new int[ring];
    }

    /** A daily cycle in 5-minute buckets with a 15-minute level window. */
    public static SeasonalForecast daily() {
        return new SeasonalForecast(Duration.ofDays(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
    }

    @Override
    public void observe(Instant at, double load) {
        long index = Math.floorDiv(at.toEpochMilli(), bucketMillis);
        lock.lock();
        try {
            int slot = (int) Math.floorMod(index, (long) ring);
            if (bucketIndex[slot] != index) {
                bucketIndex[slot] = index;
                sum[slot] = 0;
                count[slot] = 0;
            }
            sum[slot] += load;
            count[slot]++;
            lastIndex = Math.max(lastIndex, index);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public double expectedLoad(Instant at) {
        long target = Math.floorDiv(at.toEpochMilli(), bucketMillis);
        lock.lock();
        try {
            if (lastIndex == Long.MIN_VALUE) {
                return Double.NaN;
            }
            double recent = 0;
            double recentLastSeason = 0;
            for (int k = 0; k < levelBuckets; k++) {
                double now = mean(lastIndex - k);
                double before = mean(lastIndex - k - buckets);
                if (Double.isNaN(now) || Double.isNaN(before)) {
                    return Double.NaN;
                }
                recent += now;
                recentLastSeason += before;
            }
            double level = (recent - recentLastSeason) / levelBuckets;
            double peak = Double.NEGATIVE_INFINITY;
            for (long i = lastIndex + 1; i <= Math.max(target, lastIndex + 1); i++) {
                double before = mean(i - buckets);
                if (Double.isNaN(before)) {
                    return Double.NaN;
                }
                peak = Math.max(peak, before);
            }
            return Math.max(0, peak + level);
        } finally {
            lock.unlock();
        }
    }

    /** Mean of an absolute bucket if the ring still holds it, else NaN. */
    private double mean(long index) {
        int slot = (int) Math.floorMod(index, (long) ring);
        return bucketIndex[slot] == index && count[slot] > 0 ? sum[slot] / count[slot] : Double.NaN;
    }
}
