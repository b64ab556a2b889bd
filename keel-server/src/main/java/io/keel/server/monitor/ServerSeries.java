package io.keel.server.monitor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.keel.governor.Governor;
import io.keel.governor.GovernorStats;
import io.keel.monitor.Monitor;
import io.keel.monitor.MonitorSeries;
import io.keel.monitor.SeriesKey;
import io.keel.server.performance.PerformanceTracker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/**
 * Feeds the monitor the series only the server knows, in the units the default rules expect (seconds,
 * ratios 0..1): request latency p95, throughput and error ratio from the {@link PerformanceTracker}'s summary,
 * governor utilisation, queue wait p95 per agent (the governor's {@code keel.operation.queue.wait} timer) and,
 * when HikariCP publishes its meters on the registry, DB pool usage.
 *
 * <p>{@link #refresh()} runs just before each monitor tick on the maintenance thread and takes one summary;
 * the tracked suppliers read that snapshot, so the tracker is asked once per tick, not once per series.
 * The snapshot is an immutable record behind a volatile field: suppliers never see half a refresh.
 */
final class ServerSeries {

    private record Snapshot(double p95Seconds, double throughput, double errorRatio, double utilisation) {
    }

    private final Monitor monitor;
    private final Governor governor;
    private final PerformanceTracker performance;
    private final MeterRegistry registry;
    private final Set<String> trackedAgents = ConcurrentHashMap.newKeySet();
    private volatile Snapshot snapshot = new Snapshot(0, 0, 0, 0);
    private long previousSucceeded = -1;
    private long previousFailed = -1;

    ServerSeries(Monitor monitor, Governor governor, PerformanceTracker performance, MeterRegistry registry) {
        this.monitor = monitor;
        this.governor = governor;
        this.performance = performance;
        this.registry = registry;
        monitor.track(SeriesKey.of(MonitorSeries.LATENCY_P95), () -> snapshot.p95Seconds());
        monitor.track(SeriesKey.of(MonitorSeries.THROUGHPUT), () -> snapshot.throughput());
        monitor.track(SeriesKey.of(MonitorSeries.ERROR_RATIO), () -> snapshot.errorRatio());
        monitor.track(SeriesKey.of(MonitorSeries.GOVERNOR_UTILISATION), () -> snapshot.utilisation());
        if (registry.find("hikaricp.connections.active").gauge() != null) {
            monitor.track(SeriesKey.of(MonitorSeries.DB_POOL_USAGE), this::poolUsage);
        }
    }

    /** Takes one summary; called before every tick. Not thread-safe: the maintenance thread is its only caller. */
    @SuppressWarnings("unchecked")
    void refresh() {
        Map<String, Object> totals = (Map<String, Object>) performance.summary().get("totals");
        long succeeded = number(totals.get("succeeded")).longValue();
        long failed = number(totals.get("failed")).longValue();
        double errorRatio = 0;
        if (previousSucceeded >= 0) {
            long ds = succeeded - previousSucceeded;
            long df = failed - previousFailed;
            errorRatio = ds + df <= 0 ? 0 : (double) df / (ds + df);
        }
        previousSucceeded = succeeded;
        previousFailed = failed;
        GovernorStats stats = governor.stats();
        int limit = stats.limits().maxConcurrency();
        snapshot = new Snapshot(number(totals.get("p95Ms")).doubleValue() / 1000.0,
                number(totals.get("throughputPerSec")).doubleValue(), errorRatio,
                limit <= 0 ? 0 : (double) stats.running() / limit);
        for (String agent : stats.perAgent().keySet()) {
            if (trackedAgents.add(agent)) {
                monitor.track(SeriesKey.of(MonitorSeries.QUEUE_WAIT_P95, "agent", agent), () -> queueWaitP95(agent));
            }
        }
    }

    private double queueWaitP95(String agent) {
        Timer timer = registry.find("keel.operation.queue.wait").tag("agent", agent).timer();
        if (timer == null) {
            return 0;
        }
        for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
            if (Math.abs(p.percentile() - 0.95) < 1e-9) {
                return p.value(TimeUnit.SECONDS);
            }
        }
        return 0;
    }

    private double poolUsage() {
        List<Gauge> active = List.copyOf(registry.find("hikaricp.connections.active").gauges());
        List<Gauge> max = List.copyOf(registry.find("hikaricp.connections.max").gauges());
        double used = active.stream().mapToDouble(Gauge::value).sum();
        double capacity = max.stream().mapToDouble(Gauge::value).sum();
        return capacity <= 0 ? 0 : used / capacity;
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : 0;
    }
}
