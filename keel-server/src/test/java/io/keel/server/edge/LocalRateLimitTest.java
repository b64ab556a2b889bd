package io.keel.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.Test;

/** Without Redis, each key has its own bucket: one key's flood does not limit another. */
class LocalRateLimitTest {

    @Test
    void limitsArePerKeyNotPerAddress() {
        try (TestServer server = TestServer.start(Map.of(Setting.RATE_LIMIT, "1", Setting.RATE_BURST, "3",
                Setting.API_KEYS, "one:one-secret-0123456789:read,two:two-secret-0123456789:read"))) {
            int status;
            int calls = 0;
            do {
                status = get(server, "one-secret-0123456789").statusCode();
                calls++;
            } while (status == 200 && calls < 20);
            assertThat(status).isEqualTo(429);
            HttpResponse<String> other = get(server, "two-secret-0123456789");
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.headers().firstValue("RateLimit-Remaining")).hasValue("2");
            assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(server.get("/metrics").headers().firstValue("RateLimit-Limit")).isEmpty();
        }
    }

    private static HttpResponse<String> get(TestServer server, String key) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/agents"))
                .header("Authorization", "Bearer " + key).GET().build());
    }
}
