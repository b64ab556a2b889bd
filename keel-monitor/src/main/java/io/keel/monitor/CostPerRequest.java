package io.keel.monitor;

import java.time.Duration;

/**
 * What one request costs, measured: CPU seconds, memory held while it is in flight, DB connection seconds,
 * and its mean latency (which, by Little's law, turns a request rate into concurrent requests).
 */
public record CostPerRequest(double cpuSeconds, double bytesInFlight, double connectionSeconds, double latencySeconds) {

    public CostPerRequest {
        requireNonNegative(cpuSeconds, "cpuSeconds");
        requireNonNegative(bytesInFlight, "bytesInFlight");
        requireNonNegative(connectionSeconds, "connectionSeconds");
        requireNonNegative(latencySeconds, "latencySeconds");
    }

    private static void requireNonNegative(double v, String field) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be a finite non-negative number, was " + v);
        }
    }

    /**
     * Derives the cost from what a window of real traffic showed.
     *
     * @param requests             requests completed in the window
     * @param cpuSeconds           process CPU time used in the window
     * @param meanInFlight         mean concurrent requests over the window
     * @param workingSetBytes      mean heap in use over the window
     * @param idleBytes            heap in use with no traffic (the baseline to subtract)
     * @param connectionBusySeconds total seconds DB connections were checked out in the window
     */
    public static CostPerRequest measure(Duration window, long requests, double cpuSeconds, double meanInFlight,
                                         double workingSetBytes, double idleBytes, double connectionBusySeconds) {
        if (requests <= 0) {
            throw new IllegalArgumentException("need at least one request to measure a cost, was " + requests);
        }
        double seconds = window.toNanos() / 1e9;
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        double rate = requests / seconds;
        double latency = meanInFlight / rate;
        double perInFlight = meanInFlight > 0 ? Math.max(0, workingSetBytes - idleBytes) / meanInFlight : 0;
        return new CostPerRequest(cpuSeconds / requests, perInFlight, connectionBusySeconds / requests, latency);
    }
}
