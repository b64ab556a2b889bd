package io.keel.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import io.keel.server.support.TestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** T3: finished records are served from the response cache; a changing record never is; a write drops it. */
class ResponseCacheTest {

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
    void aFinishedOperationIsServedFromTheCacheUntilAWriteTouchesIt() {
        String id = server.submit("{\"agent\":\"echo\",\"input\":{\"a\":1}}").get("id").asText();
        Awaitility.await().until(() -> server.operation(id).get("status").asText().equals("SUCCEEDED"));
        String path = "/api/v1/operations/" + id;

        HttpResponse<String> first = server.get(path);
        HttpResponse<String> second = server.get(path);
        assertThat(second.headers().firstValue("X-Keel-Cache")).hasValue("hit");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));

        assertThat(server.delete(path).statusCode()).isEqualTo(409);
        assertThat(server.get(path).headers().firstValue("X-Keel-Cache")).isEmpty();
        assertThat(server.get(path + "?x=1").headers().firstValue("X-Keel-Cache")).isEmpty();
    }

    @Test
    void onlyAnOperationsOwnPathCountsAsAnOperation() {
        assertThat(ResponseCache.isOperation("/api/v1/operations/0193a5b2-7c1d")).isTrue();
        assertThat(ResponseCache.isOperation("/api/v1/operations/")).isFalse();
        assertThat(ResponseCache.isOperation("/api/v1/operations")).isFalse();
        assertThat(ResponseCache.isOperation("/api/v1/operations/0193a5b2/events")).isFalse();
        assertThat(ResponseCache.isOperation("/api/v1/operationsx/0193a5b2")).isFalse();
        assertThat(ResponseCache.isOperation("/api/v1/agents")).isFalse();
    }

    @Test
    void aRunningOperationIsNeverServedFromTheCache() {
        String id = server.submit("{\"agent\":\"sleep\",\"input\":{\"ms\":400,\"steps\":4}}").get("id").asText();
        String path = "/api/v1/operations/" + id;
        String status;
        do {
            HttpResponse<String> response = server.get(path);
            status = TestServer.json(response).get("status").asText();
            if (!status.equals("SUCCEEDED")) {
                assertThat(response.headers().firstValue("X-Keel-Cache")).isEmpty();
            }
        } while (!status.equals("SUCCEEDED"));
    }
}
