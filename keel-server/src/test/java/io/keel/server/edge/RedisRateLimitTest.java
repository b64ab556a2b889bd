package io.keel.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import io.keel.testkit.Services;
import org.junit.jupiter.api.Test;

/** Rate limits through Redis hold across nodes: exactly the burst is let through, however the calls are spread. */
class RedisRateLimitTest {

    static final String REDIS_URL = "redis://127.0.0.1:6379";

    @Test
    void twoNodesShareOneExactLimitUnderFourHundredConcurrentClients() throws Exception {
        Services.REDIS.require();
        String prefix = "keel-test:" + UUID.randomUUID() + ":";
        int burst = 150;
        // One token an hour: no refill can happen during the test, so "exactly burst" cannot flake.
        try (RedisRateLimiter nodeA = new RedisRateLimiter(REDIS_URL, prefix, 1, Duration.ofHours(1), burst);
             RedisRateLimiter nodeB = new RedisRateLimiter(REDIS_URL, prefix, 1, Duration.ofHours(1), burst);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicInteger allowed = new AtomicInteger();
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                RedisRateLimiter node = i % 2 == 0 ? nodeA : nodeB;
                calls.add(clients.submit(() -> {
                    if (node.tryConsume("key:hot").isConsumed()) {
                        allowed.incrementAndGet();
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get(); // rethrows any Redis failure or timeout
            }
            assertThat(allowed.get()).isEqualTo(burst);
            assertThat(nodeA.tryConsume("key:hot").isConsumed()).isFalse();
            assertThat(nodeB.tryConsume("key:other").getRemainingTokens()).isEqualTo(burst - 1);
        }
    }

    @Test
    void twoServersWithTheSameRedisShareTheLimitOfAKey() {
        Services.REDIS.require();
        String name = "k" + UUID.randomUUID().toString().replace("-", "");
        String secret = UUID.randomUUID().toString();
        Map<Setting, String> settings = Map.of(Setting.REDIS_URL, REDIS_URL, Setting.RATE_LIMIT, "1",
                Setting.RATE_BURST, "10", Setting.API_KEYS, name + ":" + secret + ":read");
        try (TestServer a = TestServer.start(settings); TestServer b = TestServer.start(settings)) {
            long start = System.nanoTime();
            int ok = 0;
            int limited = 0;
            for (int i = 0; i < 40; i++) {
                TestServer node = i % 2 == 0 ? a : b;
                HttpResponse<String> response = node.send(HttpRequest.newBuilder(node.uri("/api/v1/agents"))
                        .header("Authorization", "Bearer " + secret).GET().build());
                assertThat(response.statusCode()).isIn(200, 429);
                assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue("10");
                if (response.statusCode() == 200) {
                    ok++;
                } else {
                    limited++;
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                }
            }
            long refills = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;
            // Each node alone would have let all 40 through (20 each against a burst of 10 would not, but
            // 10 + 10 would): the shared bucket allows the burst plus one token per second elapsed, no more.
            assertThat(ok).isGreaterThanOrEqualTo(10).isLessThanOrEqualTo((int) (10 + refills));
            assertThat(limited).isPositive();
        }
    }
}
