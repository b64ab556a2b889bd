package io.keel.monitor;

/** Summary of a series over a time window; {@code count} is the number of non-empty buckets used. */
public record WindowStats(int count, double min, double max, double avg) {

    public static final WindowStats EMPTY = new WindowStats(0, Double.NaN, Double.NaN, Double.NaN);

    public boolean isEmpty() {
        return count == 0;
    }
}
