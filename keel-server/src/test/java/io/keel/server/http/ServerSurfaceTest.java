package io.keel.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, metrics, OpenAPI, agents, performance summary, maintenance jobs and static content. */
class ServerSurfaceTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthProbesAnswer() {
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
        JsonNode health = TestServer.json(server.get("/health"));
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").has("database")).isTrue();
        assertThat(health.get("components").has("governor")).isTrue();
    }

    @Test
    void metricsArePrometheusTextWithKeelAndJvmSeries() {
        server.postJson("/api/v1/operations?wait=5000", "{\"agent\":\"echo\"}");

        HttpResponse<String> metrics = server.get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body()).contains("keel_server_ready").contains("keel_http_server_requests")
                .contains("jvm_memory_used_bytes").contains("keel_governor_running");
    }

    @Test
    void openApiDocumentDescribesTheBuiltRoutes() {
        HttpResponse<String> openapi = server.get("/openapi");

        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).startsWith("openapi: 3").contains("/api/v1/operations/{id}/events")
                .contains("/api/v1/performance/summary");
    }

    @Test
    void agentsListTheBuiltIns() {
        JsonNode agents = TestServer.json(server.get("/api/v1/agents"));
        List<String> names = agents.get("items").findValuesAsText("name");
        assertThat(names).contains("echo", "sleep", "cpu", "fail");
        JsonNode cpu = TestServer.json(server.get("/api/v1/agents/cpu"));
        assertThat(cpu.get("kind").asText()).isEqualTo("CPU");
        for (String field : List.of("name", "kind", "instances", "busy", "queued", "policy")) {
            assertThat(cpu.has(field)).as(field).isTrue();
        }
        assertThat(server.get("/api/v1/agents/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void performanceSummaryHasTheDashboardsShape() {
        server.postJson("/api/v1/operations?wait=5000", "{\"agent\":\"echo\"}");

        JsonNode summary = TestServer.json(server.get("/api/v1/performance/summary"));

        assertThat(summary.get("at").asText()).endsWith("Z");
        for (String field : List.of("count", "running", "queued", "succeeded", "failed", "throughputPerSec",
                "p50Ms", "p95Ms", "p99Ms")) {
            assertThat(summary.get("totals").get(field).isNumber()).as(field).isTrue();
        }
        JsonNode echo = null;
        for (JsonNode agent : summary.get("agents")) {
            for (String field : List.of("agent", "count", "successRate", "throughputPerSec", "p50Ms", "p95Ms",
                    "p99Ms", "running", "queued")) {
                assertThat(agent.has(field)).as(field).isTrue();
            }
            if (agent.get("agent").asText().equals("echo")) {
                echo = agent;
            }
        }
        assertThat(echo).isNotNull();
        assertThat(summary.get("system").get("cpu").asDouble()).isBetween(0.0, 1.0);
        assertThat(summary.get("system").get("memory").get("maxBytes").asLong()).isPositive();
        assertThat(summary.get("system").get("disk").get("totalBytes").asLong()).isPositive();
    }

    @Test
    void maintenanceJobsAreListed() {
        HttpResponse<String> jobs = server.get("/api/v1/maintenance/jobs");
        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(jobs).get("items").isArray()).isTrue();
    }

    @Test
    void theDashboardAndUplotAreServedFromTheJar() {
        HttpResponse<String> page = server.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(server.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").statusCode()).isEqualTo(200);
        assertThat(server.get("/webjars/uplot/1.6.30/dist/uPlot.min.css").statusCode()).isEqualTo(200);
    }

    @Test
    void readinessTurns503AsSoonAsShutdownBegins() {
        TestServer other = TestServer.start(Map.of(Setting.SHUTDOWN_GRACE_MS, "60000"));
        String id = other.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":60000,\"steps\":600}}").get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> other.operation(id).get("status").asText(),
                "RUNNING"::equals);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(other::close);
        await().atMost(Duration.ofSeconds(10)).until(() -> other.get("/health/ready").statusCode() == 503);
        HttpResponse<String> ready = other.get("/health/ready");
        assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(other.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(other.postJson("/api/v1/operations", "{\"agent\":\"echo\"}").statusCode()).isEqualTo(503);

        other.delete("/api/v1/operations/" + id);
        stopping.join();
        assertThat(other.server().governor().isShutdown()).isTrue();
    }
}
