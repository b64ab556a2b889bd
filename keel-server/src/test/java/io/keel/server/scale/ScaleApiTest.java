package io.keel.server.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.governor.AttemptRecord;
import io.keel.governor.Operation;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pools, remote agents, scaling and costs through the real HTTP API of a real server. */
class ScaleApiTest {

    private TestServer server;
    private final List<StubAgent> stubs = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
        stubs.forEach(StubAgent::close);
    }

    private StubAgent stub(StubAgent stub) {
        stubs.add(stub);
        return stub;
    }

    private HttpResponse<String> register(String name, String strategy, StubAgent... instances) {
        StringBuilder endpoints = new StringBuilder();
        for (StubAgent s : instances) {
            endpoints.append(endpoints.isEmpty() ? "" : ",").append('"').append(s.url()).append('"');
        }
        return server.postJson("/api/v1/agents", "{\"name\":\"" + name + "\",\"endpoints\":[" + endpoints
                + "],\"minInstances\":1,\"maxInstances\":6,\"maxConcurrency\":4,\"strategy\":\"" + strategy + "\"}");
    }

    private JsonNode runToEnd(String agent, String input, String idempotencyKey) {
        HttpResponse<String> response = server.postJson("/api/v1/operations?wait=10000", "{\"agent\":\"" + agent
                + "\",\"input\":" + input + (idempotencyKey == null ? "" : ",\"idempotencyKey\":\"" + idempotencyKey + "\"")
                + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response);
    }

    @Test
    void remoteAgentRunsOnItsEndpointsSpreadByTheStrategy() {
        StubAgent a = stub(StubAgent.healthy(1));
        StubAgent b = stub(StubAgent.healthy(2));
        StubAgent c = stub(StubAgent.healthy(3));
        HttpResponse<String> created = register("remote-rr", "round-robin", a, b, c);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/agents/remote-rr");
        JsonNode view = TestServer.json(created);
        assertThat(view.get("instances").asInt()).isEqualTo(3);
        assertThat(view.at("/policy/strategy").asText()).isEqualTo("ROUND_ROBIN");

        Set<Integer> answeredBy = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            JsonNode op = runToEnd("remote-rr", "{\"n\":" + i + "}", null);
            assertThat(op.get("status").asText()).as(op.toString()).isEqualTo("SUCCEEDED");
            assertThat(op.at("/result/input/n").asInt()).isEqualTo(i);
            answeredBy.add(op.at("/result/stub").asInt());
        }
        assertThat(answeredBy).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(List.of(a.requests(), b.requests(), c.requests())).containsExactly(3, 3, 3);

        JsonNode listed = TestServer.json(server.get("/api/v1/agents"));
        JsonNode remote = null;
        for (JsonNode item : listed.get("items")) {
            if (item.get("name").asText().equals("remote-rr")) {
                remote = item;
            }
        }
        assertThat(remote).isNotNull();
        assertThat(remote.get("instances").asInt()).isEqualTo(3);
        assertThat(remote.get("builtIn").asBoolean()).isFalse();
        assertThat(remote.at("/policy/maxConcurrency").asInt()).isEqualTo(4);
    }

    @Test
    void failingInstanceIsEjectedAndRetriesLandElsewhere() {
        StubAgent good1 = stub(StubAgent.healthy(1));
        StubAgent bad = stub(StubAgent.failing(2));
        StubAgent good2 = stub(StubAgent.healthy(3));
        assertThat(register("flaky", "round-robin", good1, bad, good2).statusCode()).isEqualTo(201);

        // idempotent operations (they carry a key) are retried on another instance after a 5xx
        for (int i = 0; i < 30; i++) {
            JsonNode op = runToEnd("flaky", "{\"n\":" + i + "}", "flaky-a-" + i);
            assertThat(op.get("status").asText()).as(op.toString()).isEqualTo("SUCCEEDED");
            assertThat(op.at("/result/stub").asInt()).isIn(1, 3);
        }
        int badAfterEjection = bad.requests();
        assertThat(badAfterEjection).isGreaterThanOrEqualTo(5);
        for (int i = 0; i < 30; i++) {
            runToEnd("flaky", "{\"n\":" + i + "}", "flaky-b-" + i);
        }
        // ejected for 30 s at least: a very slow run may let one trial request through, never more
        assertThat(bad.requests()).isLessThanOrEqualTo(badAfterEjection + 1);
        JsonNode scaling = TestServer.json(server.get("/api/v1/scaling"));
        JsonNode pool = pool(scaling, "flaky");
        assertThat(pool.get("state").asText()).isEqualTo("DEGRADED");
        assertThat(pool.get("strategy").asText()).isEqualTo("ROUND_ROBIN");
    }

    @Test
    void badBodiesNameTheFieldAndDuplicatesConflict() {
        StubAgent a = stub(StubAgent.healthy(1));
        assertProblem(server.postJson("/api/v1/agents", "{\"endpoints\":[\"" + a.url() + "\"]}"), 400, "name");
        assertProblem(server.postJson("/api/v1/agents", "{\"name\":\"x\",\"endpoints\":[]}"), 400, "endpoints");
        assertProblem(server.postJson("/api/v1/agents", "{\"name\":\"x\",\"endpoints\":[\"ftp://h/\"]}"), 400,
                "endpoints[0]");
        assertProblem(server.postJson("/api/v1/agents", "{\"name\":\"x\",\"endpoints\":[\"" + a.url()
                + "\"],\"maxConcurrency\":0}"), 400, "maxConcurrency");
        assertProblem(server.postJson("/api/v1/agents", "{\"name\":\"x\",\"endpoints\":[\"" + a.url()
                + "\"],\"minInstances\":5,\"maxInstances\":2}"), 400, "maxInstances");
        assertProblem(server.postJson("/api/v1/agents", "{\"name\":\"x\",\"endpoints\":[\"" + a.url()
                + "\"],\"strategy\":\"random\"}"), 400, "strategy");
        assertProblem(server.postJson("/api/v1/agents", "{\"name\":\"x\",\"template\":\"llm\"}"), 501, "template");
        assertProblem(server.postJson("/api/v1/agents", "not json"), 400, "JSON");
        assertThat(register("twice", "round-robin", a).statusCode()).isEqualTo(201);
        assertProblem(register("twice", "round-robin", a), 409, "twice");
        assertProblem(register("echo", "round-robin", a), 409, "echo");
    }

    @Test
    void scalingReportShowsPoolsAndADecisionUnderLoadAndCostsProjectAMonth() {
        StubAgent slow = stub(StubAgent.blocking(1));
        HttpResponse<String> created = server.postJson("/api/v1/agents", "{\"name\":\"busy\",\"endpoints\":[\""
                + slow.url() + "\"],\"minInstances\":1,\"maxInstances\":5,\"maxConcurrency\":1}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        IntStream.range(0, 12).forEach(i -> ids.add(
                server.submit("{\"agent\":\"busy\",\"input\":{\"n\":" + i + "}}").get("id").asText()));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().governor().stats().perAgent()
                .get("busy").queued() == 11);
        // the autoscaler job runs every 5 s on the maintenance scheduler; 11 queued on 1 instance wants more
        JsonNode decision = await().atMost(Duration.ofSeconds(30)).until(
                () -> decisionFor(TestServer.json(server.get("/api/v1/scaling")), "busy"), d -> d != null);
        assertThat(decision.get("recommended").asInt()).isGreaterThan(1);
        assertThat(decision.get("reason").asText()).isNotBlank();
        assertThat(decision.at("/inputs/queued").asDouble()).isGreaterThan(0);
        slow.release();
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream()
                .allMatch(id -> server.operation(id).get("status").asText().equals("SUCCEEDED")));

        JsonNode scaling = TestServer.json(server.get("/api/v1/scaling"));
        for (String name : List.of("echo", "sleep", "cpu", "fail", "busy")) {
            JsonNode pool = pool(scaling, name);
            assertThat(pool.get("instances").asInt()).as(name).isGreaterThanOrEqualTo(1);
            assertThat(pool.get("state").asText()).as(name).isEqualTo("READY");
        }
        JsonNode costs = TestServer.json(server.get("/api/v1/costs"));
        assertThat(costs.get("monthlyProjection").asDouble()).isGreaterThan(0);
        JsonNode busy = null;
        for (JsonNode agent : costs.get("agents")) {
            if (agent.get("agent").asText().equals("busy")) {
                busy = agent;
            }
        }
        assertThat(busy).isNotNull();
        assertThat(busy.get("requests").asLong()).isEqualTo(12);
        assertThat(busy.get("costPerRequest").asDouble()).isGreaterThan(0);
        assertThat(busy.get("monthlyProjection").asDouble()).isGreaterThan(0);
        assertThat(costs.has("recommendations")).isTrue();
    }

    @Test
    void builtInAgentsRunOnTheirPoolInstances() {
        JsonNode op = runToEnd("echo", "{\"hello\":\"pool\"}", null);
        assertThat(op.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(op.at("/result/hello").asText()).isEqualTo("pool");
        JsonNode failed = runToEnd("fail", "{\"message\":\"no\"}", null);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.toString()).contains("no");
        // the fail agent's failures are its answer: its instance stays in service
        assertThat(runToEnd("fail", "{\"message\":\"again\"}", null).toString()).contains("again");
        // the governor keeps finished operations for a while: its attempt names the pool instance it ran on
        Operation<?> live = server.server().governor().find(op.get("id").asText()).orElseThrow();
        List<AttemptRecord> attempts = live.snapshot().attempts();
        assertThat(attempts).isNotEmpty();
        assertThat(attempts.getFirst().instanceId()).isNotEqualTo("local").contains("echo");
        JsonNode agents = TestServer.json(server.get("/api/v1/agents"));
        for (JsonNode item : agents.get("items")) {
            assertThat(item.get("instances").asInt()).isEqualTo(1);
            assertThat(item.at("/policy/strategy").asText()).isEqualTo("LEAST_CONNECTIONS");
            assertThat(item.at("/policy/maxInstances").asInt()).isEqualTo(4);
        }
        assertThat(pool(TestServer.json(server.get("/api/v1/scaling")), "echo").get("busy").asInt()).isZero();
    }

    @Test
    void concurrentLoadReturnsEverySlotToThePools() throws Exception {
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<?>> submits = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String body = i % 3 == 0 ? "{\"agent\":\"sleep\",\"input\":{\"ms\":5,\"steps\":1}}"
                        : i % 3 == 1 ? "{\"agent\":\"echo\",\"input\":{\"n\":" + i + "}}"
                        : "{\"agent\":\"fail\",\"input\":{\"message\":\"m" + i + "\"}}";
                submits.add(executor.submit(() -> ids.add(server.submit(body).get("id").asText())));
            }
            for (var f : submits) {
                f.get();
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> {
            String status = server.operation(id).get("status").asText();
            return status.equals("SUCCEEDED") || status.equals("FAILED");
        }));
        long failed = ids.stream().filter(id -> server.operation(id).get("status").asText().equals("FAILED")).count();
        assertThat(failed).isEqualTo(40); // exactly the fail agent's: no attempt was refused for want of a slot
        JsonNode scaling = TestServer.json(server.get("/api/v1/scaling"));
        for (String name : List.of("echo", "sleep", "fail")) {
            assertThat(pool(scaling, name).get("busy").asInt()).as(name).isZero();
        }
        JsonNode costs = TestServer.json(server.get("/api/v1/costs"));
        long requests = 0;
        for (JsonNode agent : costs.get("agents")) {
            requests += agent.get("requests").asLong();
        }
        assertThat(requests).isEqualTo(120);
    }

    @Test
    void dashboardPanelIsServedAndWritesNoMarkupFromTheServer() {
        HttpResponse<String> script = server.get("/panels/scale.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("scaling-panel", "costs-panel", "api/v1/scaling", "api/v1/costs")
                .doesNotContain("innerHTML");
    }

    private static JsonNode pool(JsonNode scaling, String name) {
        for (JsonNode pool : scaling.get("pools")) {
            if (pool.get("name").asText().equals(name)) {
                return pool;
            }
        }
        throw new AssertionError("no pool '" + name + "' in " + scaling);
    }

    private static JsonNode decisionFor(JsonNode scaling, String pool) {
        for (JsonNode d : scaling.get("recentDecisions")) {
            if (d.get("pool").asText().equals(pool)) {
                return d;
            }
        }
        return null;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String mentioned) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(TestServer.json(response).get("detail").asText()).contains(mentioned);
    }
}
