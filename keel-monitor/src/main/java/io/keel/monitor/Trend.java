package io.keel.monitor;

/**
 * Direction of a series over a window, from a least-squares line through its bucket averages.
 *
 * @param slopePerSecond change of the value per second
 * @param confidence     R² of the fit, 0..1: how much of the variation the line explains
 * @param change         fitted change over the whole window, relative to the mean (0.1 = +10 %)
 */
public record Trend(String series, Direction direction, double slopePerSecond, double confidence, double change,
                    double mean, int samples, long windowSeconds) {

    public enum Direction { INCREASING, DECREASING, STABLE }
}
