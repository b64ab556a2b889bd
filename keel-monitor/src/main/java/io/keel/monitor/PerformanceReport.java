package io.keel.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one performance report (I11): system state, alerts, trends, forecasts, suggestions, capacity,
 * memory clean-ups, optionally the history, and whatever sections the host adds. Plain records all
 * the way down, so Jackson serialises it as is ({@link ReportJson}).
 *
 * @param system   latest value of every series the sampler writes, by series (tags in the key's text)
 * @param capacity null unless the options carried a cost and a target
 */
public record PerformanceReport(Instant generatedAt, Map<String, Double> system, List<Alert> alerts,
                                List<Trend> trends, List<Forecast> forecasts, List<Suggestion> suggestions,
                                CapacityPlan capacity, List<CleanupReport> memoryCleanups,
                                List<HistoryWindow> history, Map<String, Object> sections) {
}
