package io.keel.monitor.internal;

import java.util.Arrays;

/**
 * One resolution of one series: a ring of {@code buckets} slots, each holding min, max and average as
 * floats (12 bytes a bucket, nothing boxed). Only the newest ("open") bucket accumulates; its exact sum
 * and count live in scalar fields, so older buckets need no count.
 *
 * <p>Slot validity is implicit: slot {@code b mod buckets} holds bucket {@code b} for every
 * {@code b} in {@code (open - buckets, open]}; slots skipped by a gap are reset to NaN as time passes them,
 * so no per-slot timestamp is stored. Not thread-safe: {@link SeriesRing} guards it.
 */
final class TierRing {

    final long stepMillis;
    final int buckets;
    private final float[] min;
    private final float[] max;
    private final float[] avg;
    private long open = Long.MIN_VALUE;
    private double sum;
    private long count;
    private double openMin;
    private double openMax;

    TierRing(long stepMillis, int buckets) {
        this.stepMillis = stepMillis;
        this.buckets = buckets;
        this.min = new float[buckets];
        this.max = new float[buckets];
        this.avg = new float[buckets];
        Arrays.fill(min, Float.NaN);
        Arrays.fill(max, Float.NaN);
        Arrays.fill(avg, Float.NaN);
    }

    /** Adds a sample; false when it belongs to a bucket older than the open one (late, dropped). */
    boolean add(long epochMillis, double value) {
        long b = Math.floorDiv(epochMillis, stepMillis);
        if (open != Long.MIN_VALUE && b < open) {
            return false;
        }
        if (b != open) {
            if (open != Long.MIN_VALUE) {
                clearBetween(open, b);
            }
            open = b;
            sum = 0;
            count = 0;
            openMin = Double.POSITIVE_INFINITY;
            openMax = Double.NEGATIVE_INFINITY;
        }
        sum += value;
        count++;
        openMin = Math.min(openMin, value);
        openMax = Math.max(openMax, value);
        int slot = (int) Math.floorMod(b, (long) buckets);
        min[slot] = (float) openMin;
        max[slot] = (float) openMax;
        avg[slot] = (float) (sum / count);
        return true;
    }

    private void clearBetween(long from, long to) {
        if (to - from > buckets) {
            Arrays.fill(min, Float.NaN);
            Arrays.fill(max, Float.NaN);
            Arrays.fill(avg, Float.NaN);
            return;
        }
        for (long b = from + 1; b < to; b++) {
            int slot = (int) Math.floorMod(b, (long) buckets);
            min[slot] = Float.NaN;
            max[slot] = Float.NaN;
            avg[slot] = Float.NaN;
        }
    }

    /** Oldest millisecond this tier still holds, or Long.MAX_VALUE when empty. */
    long oldestMillis() {
        return open == Long.MIN_VALUE ? Long.MAX_VALUE : (open - buckets + 1) * stepMillis;
    }

    /** Calls the visitor for each non-empty bucket whose start lies in [fromMillis, toMillis], oldest first. */
    void forEach(long fromMillis, long toMillis, BucketVisitor visitor) {
        if (open == Long.MIN_VALUE) {
            return;
        }
        long first = Math.max(open - buckets + 1, Math.floorDiv(fromMillis, stepMillis));
        long last = Math.min(open, Math.floorDiv(toMillis, stepMillis));
        for (long b = first; b <= last; b++) {
            int slot = (int) Math.floorMod(b, (long) buckets);
            float a = avg[slot];
            if (!Float.isNaN(a)) {
                visitor.bucket(b * stepMillis, min[slot], max[slot], a);
            }
        }
    }

    long retainedBytes() {
        return 3L * buckets * Float.BYTES;
    }

    @FunctionalInterface
    interface BucketVisitor {
        void bucket(long startMillis, float min, float max, float avg);
    }
}
