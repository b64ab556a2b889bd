package io.keel.server.cache;

import static io.keel.server.cache.CacheApi.cached;
import static io.keel.server.cache.CacheApi.invalidate;
import static io.keel.server.cache.CacheApi.key;
import static io.keel.server.cache.CacheApi.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.keel.server.config.Setting;
import io.keel.server.support.TestServer;
import io.keel.testkit.Services;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes sharing the real Redis (L2): a result computed on one answers on the other without a run, and an
 * invalidation on one reaches the other's L1. Each test has its own key namespace, so concurrent runs and other
 * users of the same Redis never meet its keys.
 */
class SharedRedisCacheTest {

    static final String REDIS = "redis://127.0.0.1:6379";

    String namespace;
    TestServer a;
    TestServer b;
    RedisClient client;
    StatefulRedisConnection<String, String> redis;

    @BeforeEach
    void start() {
        Services.REDIS.require();
        namespace = "keel-test:" + UUID.randomUUID() + ":results";
        Map<Setting, String> settings = Map.of(Setting.REDIS_URL, REDIS, Setting.CACHE_NAMESPACE, namespace);
        a = TestServer.start(settings);
        b = TestServer.start(settings);
        client = RedisClient.create(REDIS);
        redis = client.connect();
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (redis != null) {
            var keys = redis.sync().keys(namespace + ":*");
            if (!keys.isEmpty()) {
                redis.sync().del(keys.toArray(String[]::new));
            }
            redis.close();
            client.shutdown();
        }
    }

    @Test
    void aResultComputedOnOneNodeIsAHitOnTheOther() {
        String body = "{\"agent\":\"cpu\",\"input\":{\"iterations\":2000}}";
        assertThat(cached(run(a, body))).isFalse();
        awaitInRedis(key("cpu", "{\"iterations\":2000}"));

        assertThat(cached(run(b, body))).as("answered from L2 without a run").isTrue();
        assertThat(CacheApi.stats(b).get("l2").get("hits").asLong()).isPositive();
        assertThat(CacheApi.stats(b).get("l2Enabled").asBoolean()).isTrue();
    }

    @Test
    void anInvalidationOnOneNodeIsSeenByTheOther() {
        String body = "{\"agent\":\"echo\",\"input\":{\"shared\":\"invalidate\"}}";
        String key = key("echo", "{\"shared\":\"invalidate\"}");
        run(a, body);
        awaitInRedis(key);
        assertThat(cached(run(b, body))).as("now in b's L1 too").isTrue();

        assertThat(invalidate(a, "key", key)).isEqualTo(1);

        // Probing b with submits would read a value a re-stored meanwhile; watch b's L1 empty out instead.
        await().atMost(Duration.ofSeconds(20)).until(() -> CacheApi.stats(b).get("l1").get("entries").asLong() == 0);
        assertThat(cached(run(a, body))).as("the invalidating node never serves the old value").isFalse();
    }

    @Test
    void aTagInvalidationOnOneNodeReachesTheOther() {
        String body = "{\"agent\":\"cpu\",\"input\":{\"iterations\":2001}}";
        run(a, body);
        awaitInRedis(key("cpu", "{\"iterations\":2001}"));
        assertThat(cached(run(b, body))).isTrue();

        assertThat(invalidate(b, "tag", "agent:cpu")).isPositive();

        await().atMost(Duration.ofSeconds(20)).until(() -> !cached(run(a, body)));
    }

    /** The write to L2 happens behind the caller; wait for it through Redis itself ({@code <ns>:k:<key>}). */
    private void awaitInRedis(String key) {
        await().atMost(Duration.ofSeconds(20)).until(() -> redis.sync().exists(namespace + ":k:" + key) == 1);
    }
}
