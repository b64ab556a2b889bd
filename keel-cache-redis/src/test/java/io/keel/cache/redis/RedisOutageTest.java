package io.keel.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keel.cache.CacheConfig;
import io.keel.cache.Codecs;
import io.keel.cache.DeferredSecondLevel;
import io.keel.cache.TieredCache;
import io.keel.testkit.PrivateRedis;
import io.keel.testkit.Services;

/** Redis goes away and comes back, or is not there yet when the cache starts: a private redis-server. */
class RedisOutageTest {

    private PrivateRedis redis;
    private String url;

    @BeforeEach
    void startPrivateRedis() {
        Services.REDIS.require();
        redis = new PrivateRedis();
        url = redis.url();
        redis.start();
    }

    @AfterEach
    void stopPrivateRedis() {
        redis.stop();
    }

    @Test
    void callersKeepGettingValuesWhileRedisIsDownAndL2ReturnsAfter() throws Exception {
        // The connection's own timeout is generous (the cache subscribes through it in its constructor, which a
        // loaded CI machine once took over 200 ms to answer); the cache's calls time out by l2Timeout below.
        try (RedisSecondLevel l2 = RedisSecondLevel.connect(url, "keeltest-outage", Duration.ofSeconds(5));
             TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                     .secondLevel(l2).breaker(2, Duration.ofMillis(200)).l2Timeout(Duration.ofMillis(200))
                     .build())) {
            cache.put("cached", "c");
            redis.stop();

            assertThat(cache.getIfPresent("cached")).isEqualTo("c");
            for (int i = 0; i < 20; i++) {
                assertThat(cache.get("k" + i, k -> "loaded-" + k)).isEqualTo("loaded-k" + i);
            }
            cache.put("during", "d");
            assertThat(cache.invalidate("k3")).isEqualTo(1);
            assertThat(cache.getIfPresent("k3")).isNull();
            assertThat(cache.stats().l2Available()).isFalse();
            assertThat(cache.getIfPresent("k4")).isEqualTo("loaded-k4");

            redis.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                cache.maintain();
                return cache.stats().l2Available();
            });
            assertThat(cache.stats().breakerSwitches()).isEqualTo(2);
            cache.putAsync("after", "a", null, null).join();
            assertThat(l2.get("after").get()).isNotNull();
            assertThat(cache.get("k5", k -> "again")).isEqualTo("again");
        }
    }

    @Test
    void aCacheStartedWhileRedisIsDownTakesItIntoUseOnceItAnswers() throws Exception {
        redis.stop();
        long lettuceThreadsBefore = lettuceThreads();
        AtomicInteger attempts = new AtomicInteger();
        DeferredSecondLevel deferred = DeferredSecondLevel.connectingWith("private Redis", () -> {
            attempts.incrementAndGet();
            return RedisSecondLevel.connect(url, "keeltest-late", Duration.ofSeconds(5));
        });
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                .nodeId("late").secondLevel(deferred).breaker(2, Duration.ofMillis(50))
                .l2Timeout(Duration.ofMillis(500)).build())) {
            for (int i = 0; i < 5; i++) {
                assertThat(cache.get("k" + i, k -> "loaded-" + k)).isEqualTo("loaded-k" + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                cache.maintain();
                return attempts.get() >= 5;
            });
            assertThat(cache.stats().l2Available()).isFalse();
            assertThat(cache.getIfPresent("k3")).isEqualTo("loaded-k3");
            // Every refused attempt shut its client down: no event loop threads pile up while Redis stays away.
            await().atMost(Duration.ofSeconds(10)).until(() -> lettuceThreads() <= lettuceThreadsBefore);

            redis.start();
            try (RedisSecondLevel peerLink = RedisSecondLevel.connect(url, "keeltest-late", Duration.ofSeconds(5));
                 TieredCache<String, String> peer = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                         .nodeId("peer").secondLevel(peerLink).writeBehind(false).build())) {
                peer.put("k1", "from-peer");
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    cache.maintain();
                    return cache.stats().l2Available();
                });
                assertThat(cache.get("k1", k -> "stale")).isEqualTo("from-peer");
                cache.putAsync("late", "l", null, null).join();
                assertThat(peerLink.get("late").get()).isNotNull();
                peer.invalidate("late");
                await().atMost(Duration.ofSeconds(10)).until(() -> cache.getIfPresent("late") == null);
            }
        }
    }

    private static long lettuceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("lettuce-")).count();
    }
}
