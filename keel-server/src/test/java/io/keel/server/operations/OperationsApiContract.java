package io.keel.server.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The operations API end to end over real HTTP: submit, wait, get, cancel, list, SSE, idempotency. One
 * suite, run against each records database (H2 and PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OperationsApiContract {

    TestServer server;

    /** Settings that choose the database, e.g. {@code DB_URL}. */
    abstract Map<Setting, String> databaseSettings();

    @BeforeAll
    void start() {
        Map<Setting, String> settings = new java.util.EnumMap<>(Setting.class);
        settings.put(Setting.MAX_CONCURRENCY, "50");
        settings.put(Setting.MAX_CONCURRENCY_PER_AGENT, "50");
        settings.putAll(databaseSettings());
        server = TestServer.start(settings);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> server.operation(id),
                op -> status.equals(op.get("status").asText()));
    }

    @Test
    void submitAnswers202WithLocationAndTheShortShape() {
        HttpResponse<String> response = server.postJson("/api/v1/operations",
                "{\"agent\":\"sleep\",\"input\":{\"ms\":50},\"priority\":7}");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = TestServer.json(response);
        String id = body.get("id").asText();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/operations/" + id);
        assertThat(body.get("agent").asText()).isEqualTo("sleep");
        assertThat(body.get("priority").asInt()).isEqualTo(7);
        assertThat(body.get("status").asText()).isIn("QUEUED", "RUNNING");
        assertThat(body.get("createdAt").asText()).endsWith("Z");

        JsonNode done = awaitStatus(id, "SUCCEEDED");
        for (String field : List.of("id", "agent", "status", "priority", "createdAt", "startedAt", "finishedAt",
                "durationMs", "progress", "result", "error", "cached")) {
            assertThat(done.has(field)).as(field).isTrue();
        }
        assertThat(done.get("cached").asBoolean()).isFalse();
        assertThat(done.get("progress").get("percent").asDouble()).isEqualTo(100.0);
        assertThat(done.get("error").isNull()).isTrue();
    }

    @Test
    void waitAnswers200WithTheFinishedOperation() {
        HttpResponse<String> response = server.postJson("/api/v1/operations?wait=10000",
                "{\"agent\":\"echo\",\"input\":{\"hello\":\"world\",\"n\":[1,2]}}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestServer.json(response);
        assertThat(body.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(body.get("result")).isEqualTo(TestServer.json(server.get("/api/v1/operations/"
                + body.get("id").asText())).get("result"));
        assertThat(body.get("result").get("hello").asText()).isEqualTo("world");
        assertThat(body.get("cached").asBoolean()).isFalse();
    }

    @Test
    void aFinishedOperationTheGovernorNoLongerHoldsIsServedFromTheRecordStore() {
        JsonNode first = TestServer.json(server.postJson("/api/v1/operations?wait=10000",
                "{\"agent\":\"echo\",\"input\":{\"first\":true},\"cache\":false}"));
        String id = first.get("id").asText();
        // The server's governor keeps the last 1,024 finished operations; push this one out of that window.
        for (int i = 0; i < 1_100; i++) {
            assertThat(server.postJson("/api/v1/operations?wait=10000",
                    "{\"agent\":\"echo\",\"input\":{\"i\":" + i + "},\"cache\":false}").statusCode())
                    .isEqualTo(200);
        }

        JsonNode stored = server.operation(id);

        assertThat(stored.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(stored.get("result")).isEqualTo(first.get("result"));
        assertThat(stored.get("finishedAt").asText()).isEqualTo(first.get("finishedAt").asText());
        assertThat(server.delete("/api/v1/operations/" + id).statusCode()).isEqualTo(409);
    }

    @Test
    void waitThatRunsOutAnswers202() {
        HttpResponse<String> response = server.postJson("/api/v1/operations?wait=50",
                "{\"agent\":\"sleep\",\"input\":{\"ms\":60000}}");

        assertThat(response.statusCode()).isEqualTo(202);
        String id = TestServer.json(response).get("id").asText();
        assertThat(server.delete("/api/v1/operations/" + id).statusCode()).isEqualTo(202);
    }

    @Test
    void theFailAgentsMessageIsTheRecordsErrorMessage() {
        JsonNode body = TestServer.json(server.postJson("/api/v1/operations?wait=10000",
                "{\"agent\":\"fail\",\"input\":{\"message\":\"disk on fire\"}}"));

        assertThat(body.get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("error").get("message").asText()).isEqualTo("disk on fire");
        assertThat(body.get("error").get("type").asText()).isNotBlank();
        assertThat(server.operation(body.get("id").asText()).get("error").get("message").asText())
                .isEqualTo("disk on fire");
    }

    @Test
    void sleepReportsItsStepCount() {
        String id = server.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":300,\"steps\":3}}").get("id").asText();

        JsonNode done = awaitStatus(id, "SUCCEEDED");
        assertThat(done.get("progress").get("stepCount").asInt()).isEqualTo(3);
    }

    @Test
    void pastItsTimeoutAnOperationEndsTimedOut() {
        String id = server.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":60000,\"steps\":600},\"timeoutMs\":200}")
                .get("id").asText();

        JsonNode done = awaitStatus(id, "TIMED_OUT");
        assertThat(done.get("timeoutMs").asLong()).isEqualTo(200);
        assertThat(done.get("error").isNull()).isFalse();
    }

    @Test
    void aQueuedOperationCanBeCancelledToo() {
        // priority 0 behind nothing still may start at once; either way it must end CANCELLED.
        String id = server.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":60000,\"steps\":600},\"priority\":0}")
                .get("id").asText();

        assertThat(server.delete("/api/v1/operations/" + id).statusCode()).isEqualTo(202);
        assertThat(awaitStatus(id, "CANCELLED").get("finishedAt").isNull()).isFalse();
    }

    @Test
    void cpuAgentHashes() {
        JsonNode body = TestServer.json(server.postJson("/api/v1/operations?wait=30000",
                "{\"agent\":\"cpu\",\"input\":{\"iterations\":1000}}"));

        assertThat(body.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(body.get("result").get("sha256").asText()).hasSize(64);
    }

    @Test
    void cancelEndsARunningOperationCancelledAndASecondCancelIs409() {
        String id = server.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":60000,\"steps\":600}}").get("id").asText();
        awaitStatus(id, "RUNNING");

        HttpResponse<String> cancel = server.delete("/api/v1/operations/" + id);
        assertThat(cancel.statusCode()).isEqualTo(202);
        awaitStatus(id, "CANCELLED");

        HttpResponse<String> again = server.delete("/api/v1/operations/" + id);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(TestServer.json(again).get("type").asText()).isEqualTo("https://keel.dev/problems/already-finished");
    }

    @Test
    void aSecondSubmitWithTheSameIdempotencyKeyReturnsTheFirstOperation() {
        String key = "key-" + System.nanoTime();
        HttpResponse<String> first = server.postJson("/api/v1/operations",
                "{\"agent\":\"sleep\",\"input\":{\"ms\":100},\"idempotencyKey\":\"" + key + "\"}");
        assertThat(first.statusCode()).isEqualTo(202);
        String id = TestServer.json(first).get("id").asText();

        HttpResponse<String> whileLive = server.postJson("/api/v1/operations",
                "{\"agent\":\"sleep\",\"input\":{\"ms\":100},\"idempotencyKey\":\"" + key + "\"}");
        assertThat(whileLive.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(whileLive).get("id").asText()).isEqualTo(id);

        awaitStatus(id, "SUCCEEDED");
        HttpResponse<String> afterEnd = server.postJson("/api/v1/operations?wait=1000",
                "{\"agent\":\"echo\",\"idempotencyKey\":\"" + key + "\"}");
        assertThat(afterEnd.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(afterEnd).get("id").asText()).isEqualTo(id);
        assertThat(TestServer.json(afterEnd).get("agent").asText()).isEqualTo("sleep");
    }

    @Test
    void concurrentSubmitsWithOneKeyCreateOneOperation() throws Exception {
        String key = "race-" + System.nanoTime();
        String body = "{\"agent\":\"sleep\",\"input\":{\"ms\":200},\"idempotencyKey\":\"" + key + "\"}";
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(server.client().sendAsync(HttpRequest.newBuilder(server.uri("/api/v1/operations"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (var call : calls) {
            HttpResponse<String> response = call.get();
            assertThat(response.statusCode()).isIn(200, 202);
            created += response.statusCode() == 202 ? 1 : 0;
            ids.add(TestServer.json(response).get("id").asText());
        }
        assertThat(ids).hasSize(1);
        assertThat(created).isEqualTo(1);
    }

    @Test
    void listPagesNewestFirstWithAKeysetCursor() {
        String agent = "echo";
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            submitted.add(TestServer.json(server.postJson("/api/v1/operations?wait=5000",
                    "{\"agent\":\"echo\",\"input\":{\"i\":" + i + "}}")).get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = TestServer.json(server.get("/api/v1/operations?agent=" + agent + "&status=SUCCEEDED&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor)));
            assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
            page.get("items").forEach(item -> {
                assertThat(item.get("agent").asText()).isEqualTo(agent);
                seen.add(item.get("id").asText());
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().containsAll(submitted);
        List<String> ours = seen.stream().filter(submitted::contains).toList();
        assertThat(ours).containsExactlyElementsOf(submitted.reversed());
    }

    @Test
    void eventsStreamProgressAndEndsAfterTheTerminalEvent() throws Exception {
        String id = server.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":400,\"steps\":4}}").get("id").asText();

        HttpResponse<InputStream> response = server.client().send(
                HttpRequest.newBuilder(server.uri("/api/v1/operations/" + id + "/events")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> names = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    names.add(line.substring(6).trim());
                } else if (line.startsWith("data:")) {
                    data.add(io.keel.server.json.Json.tree(line.substring(5).trim()));
                }
            }
        }
        assertThat(names).isNotEmpty().last().isEqualTo("status");
        assertThat(names).as("a 4-step sleep reports progress").contains("progress");
        assertThat(data).hasSameSizeAs(names);
        assertThat(data.getLast().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(data.getLast().get("id").asText()).isEqualTo(id);
        assertThat(data.subList(0, data.size() - 1)).allMatch(d -> !List.of("SUCCEEDED", "FAILED", "CANCELLED",
                "TIMED_OUT", "REJECTED").contains(d.get("status").asText()));
    }

    @Test
    void eventsOfAFinishedOperationAreOneTerminalEvent() throws Exception {
        String id = TestServer.json(server.postJson("/api/v1/operations?wait=5000", "{\"agent\":\"echo\"}"))
                .get("id").asText();

        HttpResponse<String> response = server.get("/api/v1/operations/" + id + "/events");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines().filter(l -> l.startsWith("event:")).toList()).containsExactly("event:status");
        assertThat(response.body()).contains("\"SUCCEEDED\"");
    }
}
