package io.keel.monitor;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What goes into a {@link PerformanceReport}.
 *
 * @param historyLookback how much history to include (zero = none); the finest tier covering it is used
 * @param historySeries   which series names to include when history is on
 * @param capacityCost    measured cost per request, or null for no capacity plan
 * @param capacityTarget  the rate to plan for, or null
 * @param sections        extra sections the host adds (per-agent summary, scheduler jobs, storage ...)
 */
public record ReportOptions(Duration historyLookback, Predicate<String> historySeries, CostPerRequest capacityCost,
                            CapacityTarget capacityTarget, Map<String, Object> sections) {

    public ReportOptions {
        historyLookback = historyLookback == null ? Duration.ZERO : historyLookback;
        if (historyLookback.isNegative()) {
            throw new IllegalArgumentException("historyLookback must not be negative, was " + historyLookback);
        }
        historySeries = historySeries == null ? n -> true : historySeries;
        sections = sections == null ? Map.of() : Map.copyOf(sections);
        if ((capacityCost == null) != (capacityTarget == null)) {
            throw new IllegalStateException("a capacity plan needs both a cost and a target");
        }
    }

    /** No history, no capacity plan, no extra sections: the summary. */
    public static ReportOptions summary() {
        return new ReportOptions(Duration.ZERO, null, null, null, Map.of());
    }

    /** The export (F5): everything, with the full history window of every series. */
    public static ReportOptions export(Duration lookback) {
        return new ReportOptions(lookback, null, null, null, Map.of());
    }

    public ReportOptions withCapacity(CostPerRequest cost, CapacityTarget target) {
        return new ReportOptions(historyLookback, historySeries, cost, target, sections);
    }

    public ReportOptions withSections(Map<String, Object> extra) {
        return new ReportOptions(historyLookback, historySeries, capacityCost, capacityTarget, extra);
    }

    public ReportOptions withHistorySeries(Predicate<String> names) {
        return new ReportOptions(historyLookback, names, capacityCost, capacityTarget, sections);
    }
}
