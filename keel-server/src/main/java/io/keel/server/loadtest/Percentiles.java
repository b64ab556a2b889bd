package io.keel.server.loadtest;

import org.HdrHistogram.Histogram;

/** A latency summary in milliseconds, read from an HdrHistogram of microseconds. */
public record Percentiles(long count, double min, double p50, double p90, double p95, double p99, double p999,
                          double max, double mean) {

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static Percentiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new Percentiles(micros.getTotalCount(),
                ms(micros.getMinValue()),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()),
                micros.getMean() / 1_000.0);
    }

    private static double ms(long micros) {
        return micros / 1_000.0;
    }
}
