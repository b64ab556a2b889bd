package io.keel.server.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keel.governor.Governor;
import io.keel.monitor.Alert;
import io.keel.monitor.CapacityReport;
import io.keel.monitor.CapacityTarget;
import io.keel.monitor.CostPerRequest;
import io.keel.monitor.Monitor;
import io.keel.monitor.MonitorSeries;
import io.keel.monitor.ReportJson;
import io.keel.monitor.ReportOptions;
import io.keel.monitor.SeriesKey;
import io.keel.monitor.Suggestion;
import io.keel.monitor.WindowStats;
import io.keel.server.http.ErrorHandling;
import io.keel.server.http.ProblemException;
import io.keel.server.maintenance.MaintenanceScheduler;
import io.keel.server.performance.PerformanceTracker;

/**
 * The monitor's part of the API (API.md "Performance, scaling, cost"): {@code /api/v1/alerts},
 * {@code /api/v1/capacity} and {@code /api/v1/performance/export}. Monitor objects are written with the
 * monitor's own JSON writer ({@link ReportJson}), so the export file, the webhook bodies and these responses
 * spell a value the same way.
 */
final class MonitorRoutes {

    /** How far back the capacity planner measures cost per request. */
    static final Duration COST_WINDOW = Duration.ofMinutes(5);
    static final Duration EXPORT_DEFAULT = Duration.ofHours(24);
    private static final double MAX_TARGET_RPS = 1e9;

    private final Monitor monitor;
    private final PerformanceTracker performance;
    private final MaintenanceScheduler scheduler;
    private final Governor governor;
    private final InstantSource clock;

    MonitorRoutes(Monitor monitor, PerformanceTracker performance, MaintenanceScheduler scheduler, Governor governor,
                  InstantSource clock) {
        this.monitor = monitor;
        this.clock = clock;
        this.performance = performance;
        this.scheduler = scheduler;
        this.governor = governor;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/api/v1/alerts", (req, res) -> send(res, Map.of("items", alerts())))
                .any("/api/v1/alerts", ErrorHandling.methodNotAllowed(Method.GET))
                .get("/api/v1/capacity", (req, res) -> send(res, capacity(targetRps(req))))
                .any("/api/v1/capacity", ErrorHandling.methodNotAllowed(Method.GET))
                .get("/api/v1/performance/export", this::export)
                .any("/api/v1/performance/export", ErrorHandling.methodNotAllowed(Method.GET));
    }

    /** Active alerts first (as the monitor orders them), then recently resolved ones. */
    List<Map<String, Object>> alerts() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Alert a : monitor.alerts().all()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("rule", a.rule());
            item.put("severity", a.severity());
            item.put("value", a.value());
            item.put("threshold", a.threshold());
            item.put("since", a.since());
            item.put("state", a.state());
            item.put("series", a.series());
            item.put("tags", a.tags());
            item.put("firedAt", a.firedAt());
            item.put("resolvedAt", a.resolvedAt());
            item.put("description", a.description());
            items.add(item);
        }
        return items;
    }

    Map<String, Object> capacity(Double targetRps) {
        Optional<CostPerRequest> cost = measuredCost();
        CapacityTarget target = targetRps == null ? null : CapacityTarget.of(targetRps);
        CapacityReport report = monitor.capacityReport(cost.orElse(null), target);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generatedAt", report.generatedAt());
        body.put("trends", report.trends());
        body.put("forecasts", report.forecasts());
        body.put("suggestions", report.suggestions());
        body.put("recommendations", report.suggestions().stream().map(Suggestion::advice).toList());
        body.put("cost", cost.orElse(null));
        body.put("target", target);
        body.put("plan", report.plan());
        if (target != null && report.plan() == null) {
            body.put("planNote", "no plan yet: no requests measured in the last " + COST_WINDOW.toMinutes()
                    + " minutes, so there is no cost per request to scale");
        }
        return body;
    }

    /** Requests and mean in-flight over the cost window from the history; connection time is not measured. */
    private Optional<CostPerRequest> measuredCost() {
        Instant now = clock.instant();
        WindowStats throughput = monitor.history().stats(SeriesKey.of(MonitorSeries.THROUGHPUT), COST_WINDOW, now);
        WindowStats running = monitor.history().stats(SeriesKey.of("keel.governor.running"), COST_WINDOW, now);
        if (throughput.isEmpty()) {
            return Optional.empty();
        }
        long requests = Math.round(throughput.avg() * COST_WINDOW.toSeconds());
        double inFlight = running.isEmpty() ? governor.stats().running() : running.avg();
        return monitor.measuredCost(COST_WINDOW, requests, inFlight, 0);
    }

    private static Double targetRps(ServerRequest req) {
        Optional<String> raw = req.query().first("targetRps").asOptional();
        if (raw.isEmpty()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(raw.get().trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("targetRps",
                    "must be a positive number of requests per second, was '" + raw.get() + "'");
        }
        if (!(value > 0) || value > MAX_TARGET_RPS) {
            throw ProblemException.invalidField("targetRps",
                    "must be a positive number of requests per second up to 1e9, was '" + raw.get() + "'");
        }
        return value;
    }

    private void export(ServerRequest req, ServerResponse res) {
        Duration lookback = EXPORT_DEFAULT;
        Optional<String> minutes = req.query().first("minutes").asOptional();
        if (minutes.isPresent()) {
            long m;
            try {
                m = Long.parseLong(minutes.get().trim());
            } catch (NumberFormatException e) {
                m = -1;
            }
            if (m < 1 || m > Duration.ofDays(1).toMinutes()) {
                throw ProblemException.invalidField("minutes", "must be an integer 1..1440, was '" + minutes.get() + "'");
            }
            lookback = Duration.ofMinutes(m);
        }
        Predicate<String> series = name -> true;
        Optional<String> names = req.query().first("series").asOptional();
        if (names.isPresent()) {
            Set<String> wanted = Set.copyOf(Arrays.stream(names.get().split(",")).map(String::trim).toList());
            series = wanted::contains;
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        sections.put("summary", performance.summary());
        sections.put("jobs", scheduler.jobs());
        ReportOptions options = ReportOptions.export(lookback).withHistorySeries(series).withSections(sections);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReportJson.write(monitor.report(options), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(out.toByteArray());
    }

    private static void send(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(ReportJson.toJson(body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
