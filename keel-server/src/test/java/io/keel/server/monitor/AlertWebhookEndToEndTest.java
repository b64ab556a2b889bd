package io.keel.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.keel.server.config.Setting;
import io.keel.server.json.Json;
import io.keel.server.support.TestServer;

/**
 * Issue 4's end-to-end alert: a rule from {@code KEEL_ALERT_RULES_FILE} on a metric the test controls — the
 * governor's queue length, made 1 by two long sleeps under a concurrency of 1 and 0 by cancelling them — goes
 * pending, fires and resolves; a local webhook receiver gets both notifications, also when it answers 503
 * to the first two posts (the notifier retries). Nothing depends on CPU load or on how fast things run.
 */
class AlertWebhookEndToEndTest {

    private static final String RULE = "test-queue-not-empty";

    @TempDir
    Path dir;

    /** A webhook receiver on loopback that fails the first {@code failFirst} posts with 503. */
    private static final class Receiver implements AutoCloseable {
        final HttpServer http;
        final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
        final AtomicInteger posts = new AtomicInteger();

        Receiver(int failFirst) throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (posts.incrementAndGet() <= failFirst) {
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    delivered.add(Json.tree(new String(body, StandardCharsets.UTF_8)));
                    exchange.sendResponseHeaders(204, -1);
                }
                exchange.close();
            });
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
        }

        List<String> typesFor(String rule) {
            return delivered.stream().filter(e -> e.get("alert").get("rule").asText().equals(rule))
                    .map(e -> e.get("type").asText()).toList();
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    @ParameterizedTest(name = "receiver failing the first {0} posts")
    @ValueSource(ints = {0, 2})
    void aRuleOnTheQueueFiresAndResolvesAndTheWebhookGetsBoth(int failFirst) throws IOException {
        Path rules = dir.resolve("alert-rules.yaml");
        Files.writeString(rules, """
                alert-rules:
                  - name: %s
                    series: keel.governor.queued
                    comparison: above
                    threshold: 0.5
                    for: 1s
                    severity: critical
                    description: work is waiting
                """.formatted(RULE));
        try (Receiver receiver = new Receiver(failFirst);
             TestServer server = TestServer.start(Map.of(Setting.MAX_CONCURRENCY, "1",
                     Setting.MONITOR_INTERVAL_MS, "200", Setting.ALERT_RULES_FILE, rules.toString(),
                     Setting.ALERT_WEBHOOK_URL, receiver.url()))) {
            String running = sleep(server);
            String waiting = sleep(server);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(alert(server).get("state").asText()).isEqualTo("FIRING"));
            JsonNode firing = alert(server);
            assertThat(firing.get("severity").asText()).isEqualTo("CRITICAL");
            assertThat(firing.get("value").asDouble()).isEqualTo(1.0);
            assertThat(firing.get("threshold").asDouble()).isEqualTo(0.5);
            assertThat(firing.get("since").asText()).isNotBlank();

            assertThat(server.delete("/api/v1/operations/" + waiting).statusCode()).isEqualTo(202);
            assertThat(server.delete("/api/v1/operations/" + running).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(alert(server).get("state").asText()).isEqualTo("RESOLVED"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(receiver.typesFor(RULE)).containsExactlyInAnyOrder("FIRED", "RESOLVED"));
            assertThat(receiver.posts.get()).isGreaterThanOrEqualTo(2 + failFirst);
            JsonNode fired = receiver.delivered.stream()
                    .filter(e -> e.get("alert").get("rule").asText().equals(RULE)
                            && e.get("type").asText().equals("FIRED"))
                    .findFirst().orElseThrow();
            assertThat(fired.get("alert").get("description").asText()).isEqualTo("work is waiting");
        }
    }

    private static String sleep(TestServer server) {
        return server.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":600000,\"steps\":6000}}").get("id").asText();
    }

    private static JsonNode alert(TestServer server) {
        JsonNode items = TestServer.json(server.get("/api/v1/alerts")).get("items");
        for (JsonNode item : items) {
            if (item.get("rule").asText().equals(RULE)) {
                return item;
            }
        }
        throw new AssertionError("no alert of rule " + RULE + " in " + items);
    }
}
