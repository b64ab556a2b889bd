package io.keel.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keel.cache.CacheConfig;
import io.keel.cache.Codecs;
import io.keel.cache.FaultySecondLevel;
import io.keel.cache.TieredCache;
import io.keel.testkit.Services;

/** Two cache nodes, each with its own Redis connections, sharing one namespace on the real Redis. */
class TwoNodesOnRedisTest {

    private String namespace;
    private RedisSecondLevel redisA;
    private RedisSecondLevel redisB;
    private FaultySecondLevel l2A;
    private TieredCache<String, String> a;
    private TieredCache<String, String> b;

    @BeforeEach
    void start() {
        Services.REDIS.require();
        namespace = "keeltest-" + UUID.randomUUID();
        redisA = RedisSecondLevel.connect(RedisTestSupport.URL, namespace, Duration.ofSeconds(1));
        redisB = RedisSecondLevel.connect(RedisTestSupport.URL, namespace, Duration.ofSeconds(1));
        l2A = new FaultySecondLevel(redisA);
        a = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("a").secondLevel(l2A)
                .tagger((k, v) -> Set.of("t:" + k.charAt(0))).build());
        b = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("b").secondLevel(redisB)
                .tagger((k, v) -> Set.of("t:" + k.charAt(0))).build());
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
            b.close();
            redisA.close();
            redisB.close();
            RedisTestSupport.purge(namespace);
        }
    }

    /** Whether the node's L1 holds the key, looked at without going to L2. */
    private static boolean inL1(TieredCache<String, String> node, String key) {
        return node.temperatureOf(key) != null;
    }

    @Test
    void anInvalidationOnOneNodeReachesTheOthersL1() {
        a.put("k", "v1", null, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "v1".equals(b.getIfPresent("k")));
        assertThat(inL1(b, "k")).isTrue();
        assertThat(a.invalidate("k")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !inL1(b, "k"));
        assertThat(b.getIfPresent("k")).isNull();
    }

    @Test
    void tagAndPatternInvalidationsReachBothTiersOfBothNodes() {
        for (String k : new String[] {"x1", "x2", "y1"}) {
            a.put(k, "v", null, null);
            await().atMost(Duration.ofSeconds(10)).until(() -> b.getIfPresent(k) != null);
        }
        assertThat(b.invalidateTag("t:x")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> !inL1(a, "x1") && !inL1(a, "x2"));
        assertThat(a.getIfPresent("x1")).isNull();
        assertThat(a.getIfPresent("y1")).isEqualTo("v");
        assertThat(a.invalidatePattern("y*")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !inL1(b, "y1"));
        assertThat(b.getIfPresent("y1")).isNull();
    }

    @Test
    void theInvalidatingNodeNeverReadsTheOldValueAfterInvalidateReturns() {
        for (int i = 0; i < 50; i++) {
            String key = "k" + i;
            a.put(key, "old", null, null);
            a.invalidate(key);
            assertThat(a.getIfPresent(key)).isNull();
            assertThat(a.get(key, k -> "new")).isEqualTo("new");
        }
    }

    @Test
    void aWriteBehindRacingAnInvalidationNeverLeavesTheOldValue() {
        l2A.holdWrites();
        a.put("k", "old", null, null);
        b.invalidate("k");
        l2A.releaseWrites();
        // The old write reaches Redis after the tombstone and is refused; wait for it to have been tried.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(redisA.get("k").join()).isNull();
            assertThat(a.getIfPresent("k")).isNull();
            assertThat(b.getIfPresent("k")).isNull();
        });
        assertThat(b.get("k", key -> "fresh")).isEqualTo("fresh");
        await().atMost(Duration.ofSeconds(10)).until(() -> "fresh".equals(a.getIfPresent("k")));
    }

    @Test
    void aNodeWhosePubSubLinkWasCutNeverServesWhatWasInvalidatedMeanwhile() {
        a.put("k", "old", null, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "old".equals(b.getIfPresent("k")));
        assertThat(inL1(b, "k")).isTrue();
        long linkId = redisB.pubSubClientId();
        RedisTestSupport.killClient(linkId);
        a.invalidate("k");
        // Lettuce reconnects and resubscribes; B must have dropped what it could have missed.
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> redisB.pubSubClientId() != linkId && !inL1(b, "k"));
        assertThat(b.getIfPresent("k")).isNull();
        // And the link works again.
        b.put("k2", "v", null, null);
        a.getIfPresent("k2");
        b.invalidate("k2");
        await().atMost(Duration.ofSeconds(10)).until(() -> !inL1(a, "k2"));
    }
}
