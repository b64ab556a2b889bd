package io.keel.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The load generator's HTTP/1.1 client against raw scripted answers: framing, reuse, capture, stale connections. */
class SenderTest {

    private static final String JSON_ID = "{\"id\":\"op-7\"}";

    private static Scenario scenario(String yaml) {
        return new ScenarioParser().parse(yaml);
    }

    private static Scenario createAndGet() {
        return scenario("""
                name: t
                headers: {Accept: application/json}
                requests:
                  - name: create
                    method: POST
                    path: /ops
                    headers: {Content-Type: application/json}
                    body: '{"n":{{random 5 5}}}'
                    capture: {lastId: id}
                  - name: get
                    path: "/ops/{{lastId}}"
                """);
    }

    private static Outcome send(Sender sender, RequestTemplate request, RequestMix mix) {
        return sender.send(request, mix);
    }

    @Test
    void aChunkedBodyIsReadWholeCapturedAndTheConnectionReused() throws Exception {
        try (ScriptedServer server = new ScriptedServer((c, r, head) -> r == 1
                ? "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"id\"\r\n8;ext=1\r\n:\"op-7\"}\r\n0\r\nX-Trailer: t\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
            Scenario s = createAndGet();
            RequestMix mix = new RequestMix(s.requests());
            try (Sender sender = new Sender(server.uri(), Duration.ofSeconds(5), s.requests())) {
                assertThat(send(sender, s.requests().get(0), mix)).isEqualTo(Outcome.ofStatus(201));
                assertThat(mix.variables()).containsEntry("lastId", "op-7");
                assertThat(send(sender, s.requests().get(1), mix)).isEqualTo(Outcome.ofStatus(200));
            }
            assertThat(server.connections()).isEqualTo(1);
            List<String> requests = server.requests();
            assertThat(requests.get(0)).startsWith("POST /ops HTTP/1.1\r\n").contains("Content-Length: 7\r\n")
                    .contains("Content-Type: application/json\r\n").contains("Accept: application/json\r\n")
                    .contains("Host: 127.0.0.1:").endsWith("\r\n\r\n{\"n\":5}");
            assertThat(requests.get(1)).startsWith("GET /ops/op-7 HTTP/1.1\r\n").doesNotContain("Content-Length");
        }
    }

    @Test
    void aCloseDelimitedBodyIsReadToTheEndAndTheNextRequestOpensANewConnection() throws Exception {
        try (ScriptedServer server = new ScriptedServer((c, r, head) ->
                "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + JSON_ID)) {
            Scenario s = createAndGet();
            RequestMix mix = new RequestMix(s.requests());
            try (Sender sender = new Sender(server.uri(), Duration.ofSeconds(5), s.requests())) {
                assertThat(send(sender, s.requests().get(0), mix)).isEqualTo(Outcome.ofStatus(200));
                assertThat(mix.variables()).containsEntry("lastId", "op-7");
                assertThat(send(sender, s.requests().get(1), mix)).isEqualTo(Outcome.ofStatus(200));
            }
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void aPooledConnectionTheServerClosedIsRetriedOnceOnAFreshOne() throws Exception {
        // Connection 1 answers once, then closes without answering the second request (an idle timeout's race).
        try (ScriptedServer server = new ScriptedServer((c, r, head) -> c == 1 && r == 2 ? null
                : "HTTP/1.1 204 No Content\r\n\r\n")) {
            Scenario s = scenario("requests:\n  - path: /a\n");
            RequestMix mix = new RequestMix(s.requests());
            try (Sender sender = new Sender(server.uri(), Duration.ofSeconds(5), s.requests())) {
                assertThat(send(sender, s.requests().get(0), mix)).isEqualTo(Outcome.ofStatus(204));
                assertThat(send(sender, s.requests().get(0), mix)).isEqualTo(Outcome.ofStatus(204));
                assertThat(send(sender, s.requests().get(0), mix)).isEqualTo(Outcome.ofStatus(204));
            }
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.requests()).hasSize(4);
        }
    }

    @Test
    void aNewConnectionClosedBeforeAnAnswerIsAnErrorNotARetry() throws Exception {
        try (ScriptedServer server = new ScriptedServer((c, r, head) -> null)) {
            Scenario s = scenario("requests:\n  - path: /a\n");
            try (Sender sender = new Sender(server.uri(), Duration.ofSeconds(5), s.requests())) {
                Outcome outcome = send(sender, s.requests().get(0), new RequestMix(s.requests()));
                assertThat(outcome.failed()).isTrue();
                assertThat(outcome.errorKind()).isEqualTo("EOFException");
            }
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void errorStatusesAndHttp10AnswersAreReportedAndNotReusedWhenTheyCannotBe() throws Exception {
        try (ScriptedServer server = new ScriptedServer((c, r, head) -> c == 1 && r == 1
                ? "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\ncontent-length: 3\r\n\r\nno!"
                : "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            Scenario s = scenario("requests:\n  - path: /a\n");
            RequestMix mix = new RequestMix(s.requests());
            try (Sender sender = new Sender(server.uri(), Duration.ofSeconds(5), s.requests())) {
                assertThat(send(sender, s.requests().get(0), mix).errorKind()).isEqualTo("HTTP 503");
                assertThat(send(sender, s.requests().get(0), mix)).isEqualTo(Outcome.ofStatus(200));
                assertThat(send(sender, s.requests().get(0), mix)).isEqualTo(Outcome.ofStatus(200));
            }
            // 503 kept the connection; the HTTP/1.0 answer without keep-alive did not.
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void aSlowAnswerTimesOutAndItsConnectionIsNotReused() throws Exception {
        try (ScriptedServer server = new ScriptedServer((c, r, head) -> {
            if (c == 1) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        })) {
            Scenario s = scenario("requests:\n  - path: /a\n");
            RequestMix mix = new RequestMix(s.requests());
            try (Sender sender = new Sender(server.uri(), Duration.ofMillis(200), s.requests())) {
                assertThat(send(sender, s.requests().get(0), mix).errorKind()).isEqualTo("SocketTimeoutException");
                assertThat(send(sender, s.requests().get(0), mix)).isEqualTo(Outcome.ofStatus(200));
            }
            assertThat(server.connections()).isEqualTo(2);
        }
    }
}
