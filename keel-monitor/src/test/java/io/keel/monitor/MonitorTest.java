package io.keel.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.testkit.DirectExecutor;
import io.keel.testkit.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade end to end with a manual clock and no OSHI: track → tick → alert → report → JSON. */
class MonitorTest {

    private final ManualClock clock = new ManualClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<Double> latency = new AtomicReference<>(0.05);
    private final List<AlertEvent> events = new ArrayList<>();
    private final AtomicLong heapUsed = new AtomicLong(100);

    private Monitor monitor() {
        Monitor m = Monitor.builder()
                .clock(clock).nanoTime(clock)
                .withoutSampler(Duration.ofSeconds(1))
                .registry(registry)
                .recordMeters(id -> id.getName().startsWith("app."))
                .rules(List.of(AlertRule.above("latency-p95", MonitorSeries.LATENCY_P95, 0.2).clearAt(0.18)
                        .forDuration(Duration.ofSeconds(5)).build()))
                .notifier(new DirectExecutor())
                .listener(events::add)
                .memory(MemoryManagerConfig.defaults(), () -> new HeapReading(heapUsed.get(), 1000), () -> { })
                .build();
        m.track(SeriesKey.of(MonitorSeries.LATENCY_P95), latency::get);
        return m;
    }

    private void tick(Monitor m, int seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            m.tick();
        }
    }

    @Test
    void aTrackedSeriesFiresAndResolvesItsRule() {
        Monitor m = monitor();
        tick(m, 10);
        latency.set(0.5);
        tick(m, 5);
        assertThat(events).isEmpty();
        tick(m, 1);
        assertThat(events).singleElement().extracting(AlertEvent::type).isEqualTo(AlertEvent.Type.FIRED);
        latency.set(0.1);
        tick(m, 1);
        assertThat(events).extracting(AlertEvent::type).containsExactly(AlertEvent.Type.FIRED, AlertEvent.Type.RESOLVED);
        assertThat(m.alerts().recent()).hasSize(1);
    }

    @Test
    void jobsAreNamedForTheHostScheduler() {
        Monitor m = monitor();
        assertThat(m.jobs()).extracting(MonitorJob::name, MonitorJob::interval).containsExactly(
                org.assertj.core.groups.Tuple.tuple("monitor.tick", Duration.ofSeconds(1)),
                org.assertj.core.groups.Tuple.tuple("monitor.memory", Duration.ofSeconds(5)));
        heapUsed.set(900);
        m.memory().register("cache", () -> new Cleanup.Freed(10, 1));
        m.jobs().get(1).task().run();
        assertThat(m.memory().reports()).hasSize(1);
    }

    @Test
    void registryMetersAreRecordedAsRatesMeansAndPercentiles() {
        Monitor m = monitor();
        Counter requests = registry.counter("app.requests", "agent", "echo");
        Timer timer = Timer.builder("app.latency").publishPercentiles(0.95).register(registry);
        tick(m, 1);
        requests.increment(30);
        for (int i = 0; i < 10; i++) {
            timer.record(Duration.ofMillis(100));
        }
        clock.advance(Duration.ofSeconds(1));
        m.tick();
        History h = m.history();
        assertThat(h.latest(SeriesKey.of("app.requests.rate", "agent", "echo")).getAsDouble()).isEqualTo(30);
        assertThat(h.latest(SeriesKey.of("app.latency.rate")).getAsDouble()).isEqualTo(10);
        assertThat(h.latest(SeriesKey.of("app.latency.mean")).getAsDouble()).isEqualTo(0.1, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(h.latest(SeriesKey.of("app.latency.p95")).getAsDouble()).isBetween(0.09, 0.11);
        assertThat(h.seriesNamed("jvm.memory.used")).isEmpty();
    }

    @Test
    void theReportCarriesEverySectionAndExportsAsJson(@TempDir Path dir) throws Exception {
        Monitor m = monitor();
        for (int i = 0; i < 120; i++) {
            latency.set(0.05 + i * 0.001);
            tick(m, 1);
        }
        heapUsed.set(900);
        m.memory().register("cache", () -> new Cleanup.Freed(1024, 3));
        m.checkMemory();
        ReportOptions options = ReportOptions.export(Duration.ofMinutes(5))
                .withCapacity(new CostPerRequest(0.01, 1e6, 0.002, 0.05), CapacityTarget.of(500))
                .withSections(Map.of("agents", List.of(Map.of("name", "echo", "count", 3))));
        PerformanceReport report = m.report(options);
        assertThat(report.trends()).extracting(Trend::series).contains(MonitorSeries.LATENCY_P95);
        assertThat(report.trends()).filteredOn(t -> t.series().equals(MonitorSeries.LATENCY_P95)).singleElement()
                .extracting(Trend::direction).isEqualTo(Trend.Direction.INCREASING);
        assertThat(report.capacity().cores()).isEqualTo(8);
        assertThat(report.memoryCleanups()).hasSize(1);
        assertThat(report.history()).extracting(HistoryWindow::series).contains(MonitorSeries.LATENCY_P95);

        Path file = dir.resolve("reports/perf.json");
        ReportJson.write(report, file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("generatedAt").asText()).isEqualTo("2026-01-01T00:02:00Z");
        assertThat(json.get("alerts")).isNotNull();
        assertThat(json.get("capacity").get("cores").asInt()).isEqualTo(8);
        assertThat(json.get("memoryCleanups").get(0).get("outcomes").get(0).get("bytesFreed").asLong()).isEqualTo(1024);
        assertThat(json.get("sections").get("agents").get(0).get("name").asText()).isEqualTo("echo");
        JsonNode lat = null;
        for (JsonNode w : json.get("history")) {
            if (w.get("series").asText().equals(MonitorSeries.LATENCY_P95)) {
                lat = w;
            }
        }
        assertThat(lat).isNotNull();
        assertThat(lat.get("epochMillis").size()).isEqualTo(lat.get("avg").size()).isEqualTo(120);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportJson.write(m.report(ReportOptions.summary()), out);
        JsonNode summary = new ObjectMapper().readTree(out.toByteArray());
        assertThat(summary.get("history")).isEmpty();
        assertThat(summary.get("capacity").isNull()).isTrue();
    }

    @Test
    void capacityReportBundlesTrendsForecastsSuggestionsAndPlan() {
        Monitor m = monitor();
        tick(m, 30);
        CapacityReport r = m.capacityReport(new CostPerRequest(0.01, 1e6, 0.002, 0.05), CapacityTarget.of(100));
        assertThat(r.trends()).extracting(Trend::series).contains(MonitorSeries.LATENCY_P95);
        assertThat(r.plan().cores()).isEqualTo(2);
        assertThat(m.capacityReport(null, null).plan()).isNull();
    }

    @Test
    void costPerRequestIsMeasuredFromTheProcessCpuAndHeapHistory() {
        Monitor m = monitor();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int s = 0; s < 60; s++) {
            clock.advance(Duration.ofSeconds(1));
            m.record(SeriesKey.of(MonitorSeries.PROCESS_CPU), 0.5 / cores);
            m.record(SeriesKey.of(MonitorSeries.HEAP_USED), s % 2 == 0 ? 100e6 : 300e6);
        }
        // half a core for 60 s = 30 CPU-seconds over 3000 requests; 200 MB mean over a 100 MB floor across 10 in flight
        CostPerRequest cost = m.measuredCost(Duration.ofSeconds(60), 3000, 10, 6).orElseThrow();
        assertThat(cost.cpuSeconds()).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(cost.bytesInFlight()).isCloseTo(10e6, org.assertj.core.api.Assertions.within(1e6));
        assertThat(cost.connectionSeconds()).isCloseTo(0.002, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(m.measuredCost(Duration.ofSeconds(60), 0, 10, 6)).isEmpty();
    }
}
