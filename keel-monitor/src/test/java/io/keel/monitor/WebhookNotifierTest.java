package io.keel.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.keel.testkit.DirectExecutor;
import io.keel.testkit.ManualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real HTTP receiver on 127.0.0.1 gets fire and resolve notifications, also when it fails at first. */
class WebhookNotifierTest {

    private final ManualClock clock = new ManualClock();
    private final History history = new History(HistoryConfig.defaults());
    private final SeriesKey wait = SeriesKey.of(MonitorSeries.QUEUE_WAIT_P95, "agent", "sleep");
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    /** A receiver that answers 503 to the first {@code failFirst} requests, then 204. */
    private URI startReceiver(int failFirst) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ObjectMapper json = new ObjectMapper();
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (requests.incrementAndGet() <= failFirst) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(json.readTree(body));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        scheduler.shutdownNow();
        client.close();
    }

    private void fireAndResolve(WebhookNotifier hook) {
        Alerts alerts = new Alerts(List.of(AlertRule.above("queue-wait-high", wait.name(), 5).clearAt(4).build()),
                history, clock, new DirectExecutor(), Duration.ofMinutes(2), 10);
        alerts.addListener(hook);
        clock.advance(Duration.ofSeconds(1));
        history.record(wait, clock.instant(), 12);
        assertThat(alerts.evaluate()).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        history.record(wait, clock.instant(), 1);
        assertThat(alerts.evaluate()).hasSize(1);
    }

    @Test
    void receiverGetsFireAndResolve() throws IOException {
        WebhookNotifier hook = new WebhookNotifier(WebhookConfig.of(startReceiver(0)), client, scheduler);
        fireAndResolve(hook);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2 && hook.stats().pending() == 0);
        assertThat(received).extracting(n -> n.get("type").asText()).containsExactlyInAnyOrder("FIRED", "RESOLVED");
        JsonNode fired = received.stream().filter(n -> n.get("type").asText().equals("FIRED")).findFirst().orElseThrow();
        assertThat(fired.get("alert").get("rule").asText()).isEqualTo("queue-wait-high");
        assertThat(fired.get("alert").get("value").asDouble()).isEqualTo(12);
        assertThat(fired.get("alert").get("tags").get("agent").asText()).isEqualTo("sleep");
        assertThat(fired.get("alert").get("since").asText()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(hook.stats().delivered()).isEqualTo(2);
        assertThat(hook.stats().retries()).isZero();
    }

    @Test
    void aReceiverThatFailsFirstGetsBothAfterRetries() throws IOException {
        WebhookConfig config = WebhookConfig.of(startReceiver(3))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(40));
        WebhookNotifier hook = new WebhookNotifier(config, client, scheduler);
        fireAndResolve(hook);
        await().atMost(Duration.ofSeconds(20)).until(() -> hook.stats().pending() == 0);
        assertThat(received).extracting(n -> n.get("type").asText()).containsExactlyInAnyOrder("FIRED", "RESOLVED");
        assertThat(hook.stats().retries()).isEqualTo(3);
        assertThat(hook.stats().failed()).isZero();
    }

    @Test
    void givesUpAfterMaxAttemptsAndCountsTheFailure() throws IOException {
        WebhookConfig config = WebhookConfig.of(startReceiver(Integer.MAX_VALUE))
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(5)).withMaxAttempts(3);
        WebhookNotifier hook = new WebhookNotifier(config, client, scheduler);
        fireAndResolve(hook);
        await().atMost(Duration.ofSeconds(20)).until(() -> hook.stats().pending() == 0);
        assertThat(hook.stats().failed()).isEqualTo(2);
        assertThat(requests.get()).isEqualTo(6);
        assertThat(received).isEmpty();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        WebhookConfig c = WebhookConfig.of(URI.create("http://127.0.0.1:1/x"))
                .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(List.of(c.backoffBefore(2), c.backoffBefore(3), c.backoffBefore(4), c.backoffBefore(5)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
    }

    @Test
    void configReadsFromAMapAndNamesBadFields() {
        WebhookConfig c = WebhookConfig.fromConfig(java.util.Map.of("url", "http://127.0.0.1:9/hook", "maxAttempts", 3,
                "initialBackoff", "250ms", "headers", java.util.Map.of("Authorization", "Bearer x")));
        assertThat(c.maxAttempts()).isEqualTo(3);
        assertThat(c.initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.headers()).containsEntry("Authorization", "Bearer x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookConfig.fromConfig(java.util.Map.of("url", "x", "retries", 2)))
                .hasMessageContaining("field 'retries'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookConfig.fromConfig(java.util.Map.of("url", "ftp://h/x")))
                .hasMessageContaining("ftp://h/x");
    }
}
