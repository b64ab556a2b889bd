package io.keel.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A thin client for the parts of the HTTP contract (API.md) that the process tests drive. */
public final class KeelApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_BOUND = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;

    public KeelApi(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A status code and the parsed JSON body (a missing node when the body is empty or not JSON). */
    public record Reply(int status, JsonNode body) {
        public Reply expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    public static Map<String, Object> submission(String agent, Map<String, Object> input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent", agent);
        body.put("input", input);
        return body;
    }

    /** POST /api/v1/operations; {@code waitMs > 0} adds {@code ?wait=}. */
    public Reply submit(Map<String, Object> body, long waitMs) {
        String path = "api/v1/operations" + (waitMs > 0 ? "?wait=" + waitMs : "");
        return send(HttpRequest.newBuilder(baseUrl.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public String submitAccepted(String agent, Map<String, Object> input) {
        return submit(submission(agent, input), 0).expect(202).body().path("id").asText();
    }

    public JsonNode operation(String id) {
        return get("api/v1/operations/" + id).expect(200).body();
    }

    public String status(String id) {
        return operation(id).path("status").asText();
    }

    public Reply cancel(String id) {
        return send(HttpRequest.newBuilder(baseUrl.resolve("api/v1/operations/" + id)).DELETE());
    }

    /** Every operation, newest first, following nextCursor. */
    public List<JsonNode> allOperations() {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String path = "api/v1/operations?limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = get(path).expect(200).body();
            page.path("items").forEach(all::add);
            JsonNode next = page.path("nextCursor");
            cursor = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
        } while (cursor != null);
        return all;
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).GET());
    }

    /** The status of GET /health/ready, or -1 when the server does not answer at all. */
    public int readiness() {
        try {
            HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(
                    request.timeout(REQUEST_BOUND).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
