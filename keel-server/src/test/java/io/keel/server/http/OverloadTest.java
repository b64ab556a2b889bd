package io.keel.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.Test;

/** Past its limits the server refuses at once with 503 and Retry-After, and creates nothing. */
class OverloadTest {

    @Test
    void aFullQueueIsAnswered503WithRetryAfter() {
        try (TestServer server = TestServer.start(Map.of(Setting.MAX_CONCURRENCY, "1",
                Setting.MAX_CONCURRENCY_PER_AGENT, "1", Setting.QUEUE_CAPACITY, "1"))) {
            String running = server.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":60000,\"steps\":600}}")
                    .get("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.operation(running).get("status").asText(),
                    "RUNNING"::equals);
            String queued = server.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":60000}}").get("id").asText();
            assertThat(server.operation(queued).get("status").asText()).isEqualTo("QUEUED");

            HttpResponse<String> refused = server.postJson("/api/v1/operations", "{\"agent\":\"echo\"}");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").get())).isPositive();
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = TestServer.json(refused);
            assertThat(problem.get("type").asText()).isEqualTo("https://keel.dev/problems/queue-full");
            assertThat(problem.get("detail").asText()).isNotBlank();
            assertThat(TestServer.json(server.get("/api/v1/operations?limit=1000")).get("items").size())
                    .as("a refused submit creates no record").isLessThanOrEqualTo(2);

            server.delete("/api/v1/operations/" + queued);
            server.delete("/api/v1/operations/" + running);
        }
    }

    @Test
    void aRequestOverTheMemoryBudgetIsRefused() {
        try (TestServer server = TestServer.start(Map.of(Setting.MEMORY_BUDGET_BYTES, "64"))) {
            HttpResponse<String> refused = server.postJson("/api/v1/operations",
                    "{\"agent\":\"echo\",\"input\":{\"text\":\"" + "y".repeat(200) + "\"}}");

            assertThat(refused.statusCode()).as(refused.body()).isIn(503, 413);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }
}
