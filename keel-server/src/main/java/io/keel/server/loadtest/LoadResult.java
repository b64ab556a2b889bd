package io.keel.server.loadtest;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one run. Rates and counts cover the steady state (after the ramp-up; {@code achievedRate} counts requests that got an HTTP answer); {@code corrected} measures
 * each request from its intended start (coordinated omission corrected), {@code uncorrected} from its actual send.
 */
public record LoadResult(String scenario, String model, double targetRate, int users, double steadySeconds,
                         long requests, long errors, long late, long dropped, double achievedRate,
                         Percentiles corrected, Percentiles uncorrected, Map<String, Long> errorsByKind,
                         List<TimelinePoint> timeline) {

    public LoadResult {
        errorsByKind = Map.copyOf(errorsByKind);
        timeline = List.copyOf(timeline);
    }

    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
