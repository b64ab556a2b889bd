package io.keel.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.cache.CacheKey;
import io.keel.server.json.Json;
import io.keel.server.support.TestServer;

/** Cache calls over real HTTP for the tests of this package. */
final class CacheApi {

    private CacheApi() {
    }

    /** Submits with {@code ?wait=} and expects the finished operation (200). */
    static JsonNode run(TestServer server, String body) {
        HttpResponse<String> response = server.postJson("/api/v1/operations?wait=30000", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode op = TestServer.json(response);
        assertThat(op.get("status").asText()).as(response.body()).isEqualTo("SUCCEEDED");
        return op;
    }

    static boolean cached(JsonNode operation) {
        return operation.get("cached").asBoolean();
    }

    static JsonNode stats(TestServer server) {
        HttpResponse<String> response = server.get("/api/v1/cache/stats");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response);
    }

    /** {@code DELETE /api/v1/cache?<name>=<value>} → the number invalidated. */
    static long invalidate(TestServer server, String name, String value) {
        HttpResponse<String> response = server.delete("/api/v1/cache?" + name + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response).get("invalidated").asLong();
    }

    static HttpResponse<String> post(TestServer server, String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The key API users pass to {@code DELETE /api/v1/cache?key=}. */
    static String key(String agent, String inputJson) {
        return CacheKey.operation(agent, Json.tree(inputJson));
    }
}
