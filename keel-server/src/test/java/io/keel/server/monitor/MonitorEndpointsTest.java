package io.keel.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;

/** The monitor's endpoints on a real server (API.md "Performance, scaling, cost"); no assertion reads real load. */
class MonitorEndpointsTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(Setting.MONITOR_INTERVAL_MS, "200"));
        for (int i = 0; i < 5; i++) {
            server.postJson("/api/v1/operations?wait=10000", "{\"agent\":\"echo\",\"input\":{\"n\":" + i + "}}");
        }
        // a few ticks, so the history has points and the tick job has an outcome
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs().stream()
                .anyMatch(j -> j.get("name").asText().equals("monitor.tick") && j.get("runs").asLong() >= 3));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<JsonNode> jobs() {
        List<JsonNode> items = new ArrayList<>();
        TestServer.json(server.get("/api/v1/maintenance/jobs")).get("items").forEach(items::add);
        return items;
    }

    private static JsonNode ok(String path) {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return TestServer.json(response);
    }

    @Test
    void maintenanceJobsListTheMonitorsJobsWithLastRunAndOutcome() {
        JsonNode tick = jobs().stream().filter(j -> j.get("name").asText().equals("monitor.tick")).findFirst()
                .orElseThrow();
        assertThat(tick.get("lastRunAt").isNull()).isFalse();
        assertThat(tick.get("lastOutcome").asText()).startsWith("ok: sampled;");
        assertThat(jobs()).extracting(j -> j.get("name").asText()).contains("monitor.memory");
    }

    @Test
    void summaryKeepsItsFieldsAndGainsTheSampledSystem() {
        JsonNode summary = ok("/api/v1/performance/summary");
        assertThat(summary.has("totals")).isTrue();
        assertThat(summary.has("agents")).isTrue();
        JsonNode system = summary.get("system");
        assertThat(system.get("cpu").asDouble()).isBetween(0.0, 1.0);
        assertThat(system.get("memory").has("usedBytes")).isTrue();
        assertThat(system.get("memory").has("maxBytes")).isTrue();
        assertThat(system.get("disk").has("freeBytes")).isTrue();
        assertThat(system.get("disk").has("totalBytes")).isTrue();
        assertThat(system.get("source").asText()).isEqualTo("monitor");
        assertThat(system.get("disk").get("stores").isArray()).isTrue();
    }

    @Test
    void metricsCarryTheSystemSeries() {
        HttpResponse<String> metrics = server.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("keel_system_cpu_usage").contains("keel_system_jvm_heap_used");
    }

    @Test
    void exportIsTheFullReportWithHistory() {
        JsonNode report = ok("/api/v1/performance/export");
        for (String field : List.of("generatedAt", "system", "alerts", "trends", "forecasts", "suggestions",
                "history", "sections")) {
            assertThat(report.has(field)).as(field).isTrue();
        }
        List<String> series = new ArrayList<>();
        report.get("history").forEach(w -> series.add(w.get("series").asText()));
        assertThat(series).contains("keel.requests.throughput", "keel.system.jvm.heap.used");
        JsonNode throughput = report.get("history").findParents("series").stream()
                .filter(w -> w.get("series").asText().equals("keel.requests.throughput")).findFirst().orElseThrow();
        assertThat(throughput.get("epochMillis").size()).isPositive();
        assertThat(report.get("sections").get("jobs").isArray()).isTrue();
        assertThat(report.get("sections").get("summary").has("totals")).isTrue();
    }

    @Test
    void exportCanBeNarrowedToSomeSeriesAndMinutes() {
        JsonNode report = ok("/api/v1/performance/export?minutes=15&series=keel.system.jvm.heap.used");
        assertThat(report.get("history").size()).isEqualTo(1);
        assertThat(report.get("history").get(0).get("series").asText()).isEqualTo("keel.system.jvm.heap.used");
        problem(server.get("/api/v1/performance/export?minutes=0"), "minutes");
    }

    @Test
    void capacityWithoutTargetHasTrendsForecastsAndRecommendationsButNoPlan() {
        JsonNode capacity = ok("/api/v1/capacity");
        for (String field : List.of("trends", "forecasts", "suggestions", "recommendations")) {
            assertThat(capacity.get(field).isArray()).as(field).isTrue();
        }
        assertThat(capacity.get("trends").size()).isPositive();
        assertThat(capacity.get("target").isNull()).isTrue();
        assertThat(capacity.get("plan").isNull()).isTrue();
    }

    @Test
    void capacityWithTargetCarriesTheTargetAndAPlanOrWhyNot() {
        JsonNode capacity = ok("/api/v1/capacity?targetRps=250");
        assertThat(capacity.get("target").get("requestsPerSecond").asDouble()).isEqualTo(250.0);
        if (capacity.get("plan").isNull()) {
            assertThat(capacity.get("planNote").asText()).contains("no requests measured");
        } else {
            assertThat(capacity.get("plan").get("requestsPerSecond").asDouble()).isEqualTo(250.0);
            assertThat(capacity.get("plan").get("cores").asInt()).isPositive();
        }
    }

    @Test
    void badTargetRpsIsA400NamingTheParameter() {
        for (String bad : List.of("abc", "-5", "0", "NaN", "1e12")) {
            problem(server.get("/api/v1/capacity?targetRps=" + bad), "targetRps");
        }
    }

    @Test
    void alertsAnswerAnItemList() {
        assertThat(ok("/api/v1/alerts").get("items").isArray()).isTrue();
        assertThat(server.delete("/api/v1/alerts").statusCode()).isEqualTo(405);
    }

    private static void problem(HttpResponse<String> response, String parameter) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(TestServer.json(response).get("detail").asText()).startsWith(parameter + ":");
    }
}
