package io.keel.server.loadtest;

/** One second of a run: requests completed in it, errors, and the corrected latency percentiles of those requests. */
public record TimelinePoint(double elapsedSeconds, long completed, long errors, double ratePerSecond, double p50Ms,
                            double p99Ms, double maxMs) {
}
