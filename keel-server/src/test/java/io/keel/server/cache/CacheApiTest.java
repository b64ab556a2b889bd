package io.keel.server.cache;

import static io.keel.server.cache.CacheApi.cached;
import static io.keel.server.cache.CacheApi.invalidate;
import static io.keel.server.cache.CacheApi.key;
import static io.keel.server.cache.CacheApi.run;
import static io.keel.server.cache.CacheApi.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The result cache through the real HTTP API of one node (L1 only): hits answer before admission with
 * {@code "cached": true}, {@code "cache": false} computes, stats count, invalidation and warming work, bad
 * parameters are refused naming the parameter. Each test uses inputs of its own, so they share one server.
 */
class CacheApiTest {

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
    void aRepeatedDeterministicSubmitIsAnsweredFromTheCacheEvenWhenTheGovernorIsFull() {
        try (TestServer full = TestServer.start(Map.of(Setting.MAX_CONCURRENCY, "1",
                Setting.MAX_CONCURRENCY_PER_AGENT, "1", Setting.QUEUE_CAPACITY, "1"))) {
            JsonNode computed = run(full, "{\"agent\":\"echo\",\"input\":{\"b\":2,\"a\":1}}");
            assertThat(cached(computed)).isFalse();

            String running = full.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":60000,\"steps\":600}}")
                    .get("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> full.operation(running).get("status").asText(),
                    "RUNNING"::equals);
            String queued = full.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":60000}}").get("id").asText();
            HttpResponse<String> refused = full.postJson("/api/v1/operations", "{\"agent\":\"echo\",\"input\":{\"c\":3}}");
            assertThat(refused.statusCode()).as("an uncached echo finds the governor full").isEqualTo(503);

            JsonNode hit = run(full, "{\"agent\":\"echo\",\"input\":{\"a\":1,\"b\":2}}");

            assertThat(cached(hit)).as("same input in another field order is a hit").isTrue();
            assertThat(hit.get("result")).isEqualTo(computed.get("result"));
            assertThat(cached(full.operation(hit.get("id").asText()))).isTrue();
            assertThat(full.operation(queued).get("status").asText()).isEqualTo("QUEUED");
            full.delete("/api/v1/operations/" + queued);
            full.delete("/api/v1/operations/" + running);
        }
    }

    @Test
    void cacheFalseComputesAndNonDeterministicAgentsAreCachedOnlyWhenAsked() {
        String cpu = "{\"agent\":\"cpu\",\"input\":{\"iterations\":1001}}";
        assertThat(cached(run(server, cpu))).isFalse();
        assertThat(cached(run(server, cpu))).isTrue();
        assertThat(cached(run(server, "{\"agent\":\"cpu\",\"input\":{\"iterations\":1001},\"cache\":false}")))
                .as("cache:false bypasses the cache").isFalse();

        String sleep = "{\"agent\":\"sleep\",\"input\":{\"ms\":1,\"steps\":1}}";
        assertThat(cached(run(server, sleep))).isFalse();
        assertThat(cached(run(server, sleep))).as("sleep is not deterministic").isFalse();

        String asked = "{\"agent\":\"sleep\",\"input\":{\"ms\":2},\"cache\":true}";
        assertThat(cached(run(server, asked))).isFalse();
        assertThat(cached(run(server, asked))).as("cache:true caches any agent").isTrue();
    }

    @Test
    void statsCountHitsAndMissesPerTier() {
        JsonNode before = stats(server);
        run(server, "{\"agent\":\"echo\",\"input\":{\"stats\":1}}");
        run(server, "{\"agent\":\"echo\",\"input\":{\"stats\":1}}");

        JsonNode after = stats(server);

        assertThat(after.get("l1").get("hits").asLong()).isGreaterThan(before.get("l1").get("hits").asLong());
        assertThat(after.get("l1").get("misses").asLong()).isGreaterThan(before.get("l1").get("misses").asLong());
        assertThat(after.get("l1").get("hitRate").asDouble()).isBetween(0.0, 1.0).isPositive();
        assertThat(after.get("l1").get("entries").asLong()).isPositive();
        assertThat(after.get("l1").get("sizeBytes").asLong()).isPositive();
        assertThat(after.get("l1").has("evictions")).isTrue();
        assertThat(after.get("l2").get("hits").asLong()).isZero();
        assertThat(after.get("l2Enabled").asBoolean()).isFalse();
        assertThat(after.get("hot").asLong() + after.get("warm").asLong() + after.get("cold").asLong()).isPositive();
    }

    @Test
    void invalidationByKeyPatternAndTagCountsAndTheNextSubmitComputes() {
        String echo = "{\"agent\":\"echo\",\"input\":{\"inv\":\"key\"}}";
        String cpu1 = "{\"agent\":\"cpu\",\"input\":{\"iterations\":1002}}";
        String cpu2 = "{\"agent\":\"cpu\",\"input\":{\"iterations\":1003}}";
        String echoTagged = "{\"agent\":\"echo\",\"input\":{\"inv\":\"tag\"}}";
        for (String body : new String[] {echo, cpu1, cpu2}) {
            run(server, body);
        }

        assertThat(invalidate(server, "key", key("echo", "{\"inv\":\"key\"}"))).isEqualTo(1);
        assertThat(invalidate(server, "key", key("echo", "{\"inv\":\"key\"}"))).as("already gone").isZero();
        assertThat(cached(run(server, echo))).isFalse();

        assertThat(invalidate(server, "pattern", "op:cpu:{\"iterations\":100[23]}")).isEqualTo(2);
        assertThat(cached(run(server, cpu1))).isFalse();
        assertThat(cached(run(server, cpu2))).isFalse();

        run(server, echoTagged);
        assertThat(cached(run(server, echoTagged))).isTrue();
        assertThat(invalidate(server, "tag", "agent:echo")).isGreaterThanOrEqualTo(2);
        assertThat(cached(run(server, echoTagged))).isFalse();
        assertThat(cached(run(server, cpu1))).as("another agent's tag is untouched").isTrue();
    }

    @Test
    void warmingReloadsRecentResultsFromTheRecords() {
        String body = "{\"agent\":\"cpu\",\"input\":{\"iterations\":1004}}";
        run(server, body);
        invalidate(server, "key", key("cpu", "{\"iterations\":1004}"));

        HttpResponse<String> warmed = CacheApi.post(server, "/api/v1/cache/warm");

        assertThat(warmed.statusCode()).as(warmed.body()).isEqualTo(200);
        assertThat(TestServer.json(warmed).get("warmed").asLong()).isPositive();
        assertThat(cached(run(server, body))).isTrue();
    }

    @Test
    void badInvalidationParametersAreRefusedNamingTheParameter() {
        assertProblem(server.delete("/api/v1/cache"), "key");
        assertProblem(server.delete("/api/v1/cache?key=a&tag=b"), "tag");
        assertProblem(server.delete("/api/v1/cache?pattern="), "pattern");
        assertProblem(server.delete("/api/v1/cache?tag=a&tag=b"), "tag");
        HttpResponse<String> wrongMethod = server.get("/api/v1/cache");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(CacheApi.post(server, "/api/v1/cache/stats").statusCode()).isEqualTo(405);
    }

    @Test
    void theDashboardPanelScriptIsServed() {
        HttpResponse<String> script = server.get("/panels/cache.js");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("cache-panel").contains("api/v1/cache/stats").doesNotContain("innerHTML");
    }

    private static void assertProblem(HttpResponse<String> response, String parameter) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(TestServer.json(response).get("detail").asText()).startsWith(parameter + ":");
    }
}
