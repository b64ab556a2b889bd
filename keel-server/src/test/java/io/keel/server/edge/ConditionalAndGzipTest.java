package io.keel.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import io.keel.server.support.TestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Conditional GETs (ETag → 304, a change → 200 with a new tag) and gzip negotiated by header, never for SSE. */
class ConditionalAndGzipTest {

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
    void sameRepresentationIs304AndAChangedOneIs200WithANewTag() {
        HttpResponse<String> first = server.get("/api/v1/agents");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

        HttpResponse<String> again = conditional("/api/v1/agents", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(conditional("/api/v1/agents", "\"other\", W/" + etag).statusCode()).isEqualTo(304);
        assertThat(conditional("/api/v1/agents", "\"other\"").statusCode()).isEqualTo(200);

        String id = server.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":300,\"steps\":3}}").get("id").asText();
        HttpResponse<String> running = server.get("/api/v1/operations/" + id);
        String runningTag = running.headers().firstValue("ETag").orElseThrow();
        Awaitility.await().until(() -> server.operation(id).get("status").asText().equals("SUCCEEDED"));

        HttpResponse<String> finished = conditional("/api/v1/operations/" + id, runningTag);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(finished).get("status").asText()).isEqualTo("SUCCEEDED");
        String finishedTag = finished.headers().firstValue("ETag").orElseThrow();
        assertThat(finishedTag).isNotEqualTo(runningTag);
        assertThat(conditional("/api/v1/operations/" + id, finishedTag).statusCode()).isEqualTo(304);
    }

    @Test
    void gzipOnlyWhenAskedAndLargeEnough() {
        String big = "x".repeat(4000);
        String id = server.submit("{\"agent\":\"echo\",\"input\":{\"text\":\"" + big + "\"}}").get("id").asText();
        Awaitility.await().until(() -> server.operation(id).get("status").asText().equals("SUCCEEDED"));
        String path = "/api/v1/operations/" + id;

        HttpResponse<byte[]> zipped = bytes(path, "gzip, deflate");
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        String unzipped = gunzip(zipped.body());
        assertThat(unzipped).contains(big);
        assertThat(zipped.body().length).isLessThan(unzipped.length() / 4);

        HttpResponse<byte[]> plain = bytes(path, null);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(unzipped);
        assertThat(bytes(path, "gzip;q=0, identity").headers().firstValue("Content-Encoding")).isEmpty();

        HttpResponse<byte[]> small = bytes("/api/v1/operations/" + id + "-missing", "gzip");
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void serverSentEventsAreNeverCompressed() {
        String id = server.submit("{\"agent\":\"echo\",\"input\":{\"text\":\"" + "y".repeat(3000) + "\"}}").get("id").asText();
        HttpResponse<byte[]> events = bytes("/api/v1/operations/" + id + "/events", "gzip");
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(events.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(events.body(), StandardCharsets.UTF_8)).contains("SUCCEEDED");
    }

    private static HttpResponse<String> conditional(String path, String etag) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("If-None-Match", etag).GET().build());
    }

    private static HttpResponse<byte[]> bytes(String path, String acceptEncoding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        try {
            return server.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
