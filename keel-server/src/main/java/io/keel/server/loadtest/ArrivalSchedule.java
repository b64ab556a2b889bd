package io.keel.server.loadtest;

/**
 * When the k-th request of an open-model run is due, in nanoseconds after the start: the rate rises linearly
 * from 0 to {@code rate} over the ramp-up (so k arrivals take sqrt(2·k·ramp/rate)), then stays constant.
 * A pure function of k, so a late scheduler never shifts the timeline — the basis of the correction.
 */
public record ArrivalSchedule(double rate, long rampNanos, long totalNanos) {

    public ArrivalSchedule {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate: must be > 0, was '" + rate + "'");
        }
    }

    /** Offset of arrival k (0-based) from the start, or -1 once it falls past the end of the run. */
    public long offsetNanos(long k) {
        double rampSeconds = rampNanos / 1e9;
        double rampArrivals = rate * rampSeconds / 2;
        double seconds;
        if (k < rampArrivals) {
            seconds = Math.sqrt(2.0 * k * rampSeconds / rate);
        } else {
            seconds = rampSeconds + (k - rampArrivals) / rate;
        }
        long offset = (long) (seconds * 1e9);
        return offset >= totalNanos ? -1 : offset;
    }
}
