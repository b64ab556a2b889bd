package io.keel.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.keel.server.config.Setting;
import io.keel.server.support.InMemoryRecordStore;
import io.keel.server.support.TestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API.md, Auth: 401/403 per scope, open health and metrics; keys never logged; traces echoed and recorded. */
class EdgeAuthTest {

    static final String READER = "reader-secret-0123456789";
    static final String SUBMITTER = "submitter-secret-0123456789";
    static final String ADMIN = "admin-secret-0123456789";

    static final InMemoryRecordStore STORE = new InMemoryRecordStore();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(Setting.API_KEYS,
                "reader:" + READER + ":read,submitter:" + SUBMITTER + ":read+submit,boss:" + ADMIN + ":admin"),
                config -> TestServer.inMemory(STORE));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void missingOrUnknownKeyIs401WithBearerChallenge() {
        HttpResponse<String> missing = server.get("/api/v1/agents");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(TestServer.json(missing).get("type").asText()).isEqualTo("https://keel.dev/problems/unauthorized");

        HttpResponse<String> unknown = get("/api/v1/agents", "not-a-key-0123456789abcdef");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(server.get("/").statusCode()).isEqualTo(401);
    }

    @Test
    void eachScopeOpensItsRoutesOnly() {
        assertThat(get("/api/v1/agents", READER).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/operations", READER, "{\"agent\":\"echo\",\"input\":{}}").statusCode()).isEqualTo(403);
        assertThat(delete("/api/v1/operations/nope", READER).statusCode()).isEqualTo(403);

        assertThat(post("/api/v1/operations", SUBMITTER, "{\"agent\":\"echo\",\"input\":{}}").statusCode()).isEqualTo(202);
        assertThat(delete("/api/v1/operations/nope", SUBMITTER).statusCode()).isEqualTo(404);
        HttpResponse<String> forbidden = post("/api/v1/agents", SUBMITTER, "{}");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(forbidden).get("detail").asText()).contains("'admin' scope");

        assertThat(post("/api/v1/agents", ADMIN, "{}").statusCode()).isNotIn(401, 403);
        assertThat(get("/api/v1/agents", ADMIN).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/operations", ADMIN, "{\"agent\":\"echo\",\"input\":{}}").statusCode()).isEqualTo(202);
    }

    @Test
    void healthAndMetricsNeedNoKey() {
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(server.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyNeverAppearsInAnyLogButItsNameDoes() {
        try (LogCapture logs = new LogCapture()) {
            get("/api/v1/agents", READER);
            post("/api/v1/operations", READER, "{\"agent\":\"echo\",\"input\":{}}");
            post("/api/v1/operations", SUBMITTER, "{\"agent\":\"fail\",\"input\":{\"message\":\"x\"}}");
            get("/api/v1/agents", "Bearer-typo-" + ADMIN);
            send(HttpRequest.newBuilder(server.uri("/api/v1/nowhere")).header("Authorization", "Bearer " + ADMIN)
                    .header("traceparent", ADMIN).GET().build());

            Awaitility.await().until(() -> logs.text().contains("path=/api/v1/nowhere"));
            String text = logs.text();
            assertThat(text).contains("key=reader").contains("key=submitter").contains("key=boss");
            assertThat(text).doesNotContain(READER).doesNotContain(SUBMITTER).doesNotContain(ADMIN);
        }
    }

    @Test
    void traceparentIsEchoedAndStoredInTheOperationRecord() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri("/api/v1/operations"))
                .header("Authorization", "Bearer " + SUBMITTER)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent\":\"echo\",\"input\":{\"a\":1}}")).build());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("traceparent"))
                .hasValueSatisfying(v -> assertThat(v).matches("00-" + traceId + "-[0-9a-f]{16}-01"));
        String id = TestServer.json(response).get("id").asText();
        Awaitility.await().until(() -> STORE.find(id).map(r -> traceId.equals(r.traceId())).orElse(false));

        HttpResponse<String> invalid = send(HttpRequest.newBuilder(server.uri("/api/v1/agents"))
                .header("Authorization", "Bearer " + READER)
                .header("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01").GET().build());
        assertThat(invalid.headers().firstValue("traceparent"))
                .hasValueSatisfying(v -> assertThat(v).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                        .doesNotContain("0".repeat(32)));
    }

    static HttpResponse<String> get(String path, String key) {
        return send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + key).GET().build());
    }

    static HttpResponse<String> delete(String path, String key) {
        return send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + key).DELETE().build());
    }

    static HttpResponse<String> post(String path, String key, String body) {
        return send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        return server.send(request);
    }
}
