package io.keel.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keel.cache.CacheConfig;
import io.keel.cache.Codecs;
import io.keel.cache.TieredCache;
import io.keel.testkit.FreePorts;
import io.keel.testkit.Services;

/**
 * Redis goes away and comes back. The test runs its own redis-server on a free port, so stopping it freezes
 * nobody else's Redis.
 */
class RedisOutageTest {

    private int port;
    private Path dir;

    @BeforeEach
    void startPrivateRedis() throws Exception {
        Services.REDIS.require();
        port = FreePorts.next();
        dir = Files.createTempDirectory("keel-redis");
        startRedis();
    }

    @AfterEach
    void stopPrivateRedis() throws Exception {
        stopRedis();
    }

    private void startRedis() throws IOException, InterruptedException {
        run("redis-server", "--port", Integer.toString(port), "--save", "", "--appendonly", "no",
                "--daemonize", "yes", "--dir", dir.toString(), "--pidfile", dir.resolve("redis.pid").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> new Services.Endpoint("private Redis", "127.0.0.1", port).isUp());
    }

    private void stopRedis() throws IOException, InterruptedException {
        run("redis-cli", "-p", Integer.toString(port), "shutdown", "nosave");
        await().atMost(Duration.ofSeconds(10)).until(() -> !new Services.Endpoint("private Redis", "127.0.0.1", port).isUp());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
    }

    @Test
    void callersKeepGettingValuesWhileRedisIsDownAndL2ReturnsAfter() throws Exception {
        String url = "redis://127.0.0.1:" + port;
        // The connection's own timeout is generous (the cache subscribes through it in its constructor, which a
        // loaded CI machine once took over 200 ms to answer); the cache's calls time out by l2Timeout below.
        try (RedisSecondLevel redis = RedisSecondLevel.connect(url, "keeltest-outage", Duration.ofSeconds(5));
             TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                     .secondLevel(redis).breaker(2, Duration.ofMillis(200)).l2Timeout(Duration.ofMillis(200))
                     .build())) {
            cache.put("cached", "c");
            stopRedis();

            assertThat(cache.getIfPresent("cached")).isEqualTo("c");
            for (int i = 0; i < 20; i++) {
                assertThat(cache.get("k" + i, k -> "loaded-" + k)).isEqualTo("loaded-k" + i);
            }
            cache.put("during", "d");
            assertThat(cache.invalidate("k3")).isEqualTo(1);
            assertThat(cache.getIfPresent("k3")).isNull();
            assertThat(cache.stats().l2Available()).isFalse();
            assertThat(cache.getIfPresent("k4")).isEqualTo("loaded-k4");

            startRedis();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                cache.maintain();
                return cache.stats().l2Available();
            });
            assertThat(cache.stats().breakerSwitches()).isEqualTo(2);
            cache.putAsync("after", "a", null, null).join();
            assertThat(redis.get("after").get()).isNotNull();
            assertThat(cache.get("k5", k -> "again")).isEqualTo("again");
        }
    }
}
