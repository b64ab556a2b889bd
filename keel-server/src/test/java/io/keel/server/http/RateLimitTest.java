package io.keel.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import org.junit.jupiter.api.Test;

/** API.md, Rate limits: per client on /api/v1/*, with RateLimit headers; health and metrics exempt. */
class RateLimitTest {

    @Test
    void overTheLimitIs429WithRetryAfterAndHealthIsExempt() {
        // 1 token a second with a burst of 3: the 4th call within the same second must be refused. A
        // second's refill could admit one more on a very slow machine, so up to 10 calls are tried.
        try (TestServer server = TestServer.start(Map.of(Setting.RATE_LIMIT, "1", Setting.RATE_BURST, "3"))) {
            List<HttpResponse<String>> responses = new ArrayList<>();
            HttpResponse<String> response;
            do {
                response = server.get("/api/v1/agents");
                responses.add(response);
            } while (response.statusCode() == 200 && responses.size() < 10);

            assertThat(responses.getFirst().statusCode()).isEqualTo(200);
            assertThat(responses.getFirst().headers().firstValue("RateLimit-Limit")).hasValue("3");
            assertThat(responses.getFirst().headers().firstValue("RateLimit-Remaining")).hasValue("2");
            assertThat(responses.getFirst().headers().firstValue("RateLimit-Reset")).isPresent();
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue("0");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(TestServer.json(response).get("type").asText())
                    .isEqualTo("https://keel.dev/problems/rate-limited");

            for (int i = 0; i < 10; i++) {
                assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
                assertThat(server.get("/metrics").statusCode()).isEqualTo(200);
            }
            assertThat(server.get("/health/live").headers().firstValue("RateLimit-Limit")).isEmpty();
        }
    }

    @Test
    void zeroTurnsRateLimitingOff() {
        try (TestServer server = TestServer.start(Map.of(Setting.RATE_LIMIT, "0"))) {
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> response = server.get("/api/v1/agents");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("RateLimit-Limit")).isEmpty();
            }
        }
    }
}
