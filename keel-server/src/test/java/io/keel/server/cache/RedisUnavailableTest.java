package io.keel.server.cache;

import static io.keel.server.cache.CacheApi.cached;
import static io.keel.server.cache.CacheApi.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.keel.cache.redis.RedisSecondLevel;
import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import io.keel.testkit.PrivateRedis;
import io.keel.testkit.Services;
import org.junit.jupiter.api.Test;

/**
 * A Redis that does not answer at start leaves the node ready and caching on L1 (API.md, health); once Redis
 * answers, the node takes it into use without a restart. A Redis that goes away while the node runs fails no
 * request.
 */
class RedisUnavailableTest {

    private static final String NAMESPACE = "keeltest-late-node";

    @Test
    void aNodeWhoseRedisIsDownStartsReadyCachesInL1AndTakesRedisIntoUseWhenItAnswers() {
        Services.REDIS.require();
        try (PrivateRedis redis = new PrivateRedis();
             TestServer server = TestServer.start(Map.of(Setting.REDIS_URL, redis.url(),
                     Setting.CACHE_NAMESPACE, NAMESPACE))) {
            assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
            String body = "{\"agent\":\"echo\",\"input\":{\"down\":true}}";
            assertThat(cached(run(server, body))).isFalse();
            assertThat(cached(run(server, body))).isTrue();
            assertThat(CacheApi.stats(server).get("l2Enabled").asBoolean()).isTrue();
            assertThat(CacheApi.stats(server).get("l2Available").asBoolean()).isFalse();

            redis.start();
            // The cache's maintenance job probes the breaker every few seconds; a probe connects.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> CacheApi.stats(server).get("l2Available").asBoolean());
            String later = "{\"agent\":\"echo\",\"input\":{\"later\":true}}";
            assertThat(cached(run(server, later))).isFalse();
            try (RedisSecondLevel direct = RedisSecondLevel.connect(redis.url(), NAMESPACE)) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> direct.get(CacheApi.key("echo", "{\"later\":true}")).join() != null);
            }
        }
    }

    @Test
    void aNodeKeepsServingWhenRedisGoesAwayWhileItRuns() {
        Services.REDIS.require();
        try (PrivateRedis redis = new PrivateRedis()) {
            redis.start();
            try (TestServer server = TestServer.start(Map.of(Setting.REDIS_URL, redis.url(),
                    Setting.CACHE_NAMESPACE, NAMESPACE + "-2"))) {
                assertThat(cached(run(server, "{\"agent\":\"echo\",\"input\":{\"up\":1}}"))).isFalse();
                redis.stop();
                // Rate limits and the result cache both lived in Redis: neither may fail or stall a request now.
                for (int i = 0; i < 5; i++) {
                    var response = server.postJson("/api/v1/operations?wait=30000",
                            "{\"agent\":\"echo\",\"input\":{\"away\":" + i + "}}");
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    assertThat(response.headers().firstValue("RateLimit-Limit")).isPresent();
                }
                assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
            }
        }
    }
}
