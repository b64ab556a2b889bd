package io.keel.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every refusal is RFC 9457 problem+json with a stable type and a detail that names what is wrong. */
class BadInputTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(Setting.MAX_INPUT_BYTES, "2048", Setting.MAX_TIMEOUT_MS, "600000"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = TestServer.json(response);
        assertThat(body.get("type").asText()).isEqualTo("https://keel.dev/problems/" + type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotBlank();
        return body;
    }

    private static HttpResponse<String> submit(String body) {
        return server.postJson("/api/v1/operations", body);
    }

    @Test
    void malformedJsonIs400() {
        JsonNode body = problem(submit("{\"agent\": \"echo\", "), 400, "malformed-json");
        assertThat(body.get("detail").asText()).startsWith("body is not valid JSON");
    }

    @Test
    void unknownAgentIs404NamingTheAgent() {
        JsonNode body = problem(submit("{\"agent\":\"nope\"}"), 404, "unknown-agent");
        assertThat(body.get("detail").asText()).contains("agent").contains("'nope'");
    }

    @Test
    void priorityOutOfRangeIs400NamingTheField() {
        JsonNode body = problem(submit("{\"agent\":\"echo\",\"priority\":42}"), 400, "invalid-field");
        assertThat(body.get("detail").asText()).isEqualTo("priority: must be within 0..9, was 42");
    }

    @Test
    void negativeZeroOrExcessiveTimeoutIs400NamingTheField() {
        assertThat(problem(submit("{\"agent\":\"echo\",\"timeoutMs\":-5}"), 400, "invalid-field")
                .get("detail").asText()).isEqualTo("timeoutMs: must be within 1..600000, was -5");
        assertThat(problem(submit("{\"agent\":\"echo\",\"timeoutMs\":0}"), 400, "invalid-field")
                .get("detail").asText()).startsWith("timeoutMs:");
        assertThat(problem(submit("{\"agent\":\"echo\",\"timeoutMs\":600001}"), 400, "invalid-field")
                .get("detail").asText()).startsWith("timeoutMs:");
    }

    @Test
    void wrongTypesAndUnknownFieldsAre400NamingTheField() {
        assertThat(problem(submit("{\"agent\":\"echo\",\"priority\":\"high\"}"), 400, "invalid-field")
                .get("detail").asText()).startsWith("priority:");
        assertThat(problem(submit("{\"agent\":7}"), 400, "invalid-field")
                .get("detail").asText()).startsWith("agent:");
        assertThat(problem(submit("{}"), 400, "invalid-field")
                .get("detail").asText()).isEqualTo("agent: is required");
        assertThat(problem(submit("{\"agent\":\"echo\",\"cache\":\"yes\"}"), 400, "invalid-field")
                .get("detail").asText()).startsWith("cache:");
        assertThat(problem(submit("{\"agent\":\"echo\",\"prio\":1}"), 400, "invalid-field")
                .get("detail").asText()).startsWith("prio: unknown field");
        assertThat(problem(submit("[1,2]"), 400, "invalid-field")
                .get("detail").asText()).startsWith("body:");
    }

    @Test
    void agentInputIsCheckedAtTheDoor() {
        assertThat(problem(submit("{\"agent\":\"sleep\",\"input\":{\"ms\":\"long\"}}"), 400, "invalid-field")
                .get("detail").asText()).startsWith("input.ms:");
        assertThat(problem(submit("{\"agent\":\"sleep\",\"input\":{\"ms\":10,\"steps\":0}}"), 400, "invalid-field")
                .get("detail").asText()).isEqualTo("input.steps: must be within 1..10000, was 0");
        assertThat(problem(submit("{\"agent\":\"cpu\",\"input\":{\"iterations\":-1}}"), 400, "invalid-field")
                .get("detail").asText()).startsWith("input.iterations:");
        assertThat(problem(submit("{\"agent\":\"fail\",\"input\":{\"message\":3}}"), 400, "invalid-field")
                .get("detail").asText()).startsWith("input.message:");
    }

    @Test
    void badWaitParameterIs400() {
        assertThat(problem(server.postJson("/api/v1/operations?wait=soon", "{\"agent\":\"echo\"}"), 400,
                "invalid-field").get("detail").asText()).startsWith("wait:");
    }

    @Test
    void oversizedBodyIs413WithoutReadingIt() {
        String big = "{\"agent\":\"echo\",\"input\":{\"text\":\"" + "x".repeat(4096) + "\"}}";
        JsonNode body = problem(submit(big), 413, "payload-too-large");
        assertThat(body.get("detail").asText()).contains("2048");
    }

    @Test
    void oversizedChunkedBodyIs413() {
        String big = "{\"agent\":\"echo\",\"input\":{\"text\":\"" + "x".repeat(4096) + "\"}}";
        HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/operations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build();
        problem(server.send(request), 413, "payload-too-large");
    }

    @Test
    void bodiesUnderTheLimitArriveWholeDeclaredOrChunked() {
        // Longer than the first buffer of an undeclared-length read, so the chunked body has to grow it.
        String text = "y".repeat(1900);
        String body = "{\"agent\":\"echo\",\"input\":{\"text\":\"" + text + "\"}}";
        HttpResponse<String> declared = server.postJson("/api/v1/operations?wait=5000", body);
        HttpResponse<String> chunked = server.send(HttpRequest.newBuilder(server.uri("/api/v1/operations?wait=5000"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body.getBytes())))
                .build());
        for (HttpResponse<String> response : java.util.List.of(declared, chunked)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(TestServer.json(response).at("/result/text").asText()).isEqualTo(text);
        }
    }

    @Test
    void wrongContentTypeIs415() {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/operations"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent\":\"echo\"}"))
                .build();
        JsonNode body = problem(server.send(request), 415, "unsupported-media-type");
        assertThat(body.get("detail").asText()).startsWith("Content-Type:");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() {
        JsonNode body = problem(server.get("/api/v1/nothing-here"), 404, "not-found");
        assertThat(body.get("detail").asText()).contains("/api/v1/nothing-here");
        problem(server.get("/no/such/page"), 404, "not-found");
        HttpResponse<String> put = server.send(HttpRequest.newBuilder(server.uri("/api/v1/operations"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        problem(put, 405, "method-not-allowed");
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
    }

    @Test
    void unknownOperationIs404() {
        problem(server.get("/api/v1/operations/0000-none"), 404, "unknown-operation");
        problem(server.delete("/api/v1/operations/0000-none"), 404, "unknown-operation");
        problem(server.get("/api/v1/operations/0000-none/events"), 404, "unknown-operation");
    }

    @Test
    void listParametersAreValidated() {
        assertThat(problem(server.get("/api/v1/operations?limit=0"), 400, "invalid-field")
                .get("detail").asText()).startsWith("limit:");
        assertThat(problem(server.get("/api/v1/operations?limit=1001"), 400, "invalid-field")
                .get("detail").asText()).startsWith("limit:");
        assertThat(problem(server.get("/api/v1/operations?status=DONE"), 400, "invalid-field")
                .get("detail").asText()).startsWith("status:");
        assertThat(problem(server.get("/api/v1/operations?cursor=%25%25garbage"), 400, "invalid-field")
                .get("detail").asText()).startsWith("cursor:");
    }

    @Test
    void registeringAgentsNamesTheMissingFieldAndTemplatesAreNotImplementedYet() {
        JsonNode body = problem(server.postJson("/api/v1/agents", "{\"name\":\"x\"}"), 400, "invalid-field");
        assertThat(body.get("detail").asText()).startsWith("endpoints:");
        JsonNode template = problem(server.postJson("/api/v1/agents", "{\"name\":\"x\",\"template\":\"llm\"}"), 501,
                "not-implemented");
        assertThat(template.get("detail").asText()).startsWith("template:");
    }
}
