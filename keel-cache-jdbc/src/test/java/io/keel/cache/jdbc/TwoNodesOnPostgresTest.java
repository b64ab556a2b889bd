package io.keel.cache.jdbc;

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
import io.keel.cache.TieredCache;
import io.keel.testkit.Services;

/** Two cache nodes, each with its own level and connections, sharing one namespace on the real PostgreSQL. */
class TwoNodesOnPostgresTest {

    private String namespace;
    private JdbcSecondLevel levelA;
    private JdbcSecondLevel levelB;
    private TieredCache<String, String> a;
    private TieredCache<String, String> b;

    @BeforeEach
    void start() {
        Services.POSTGRES.require();
        namespace = "keeltest-" + UUID.randomUUID();
        levelA = JdbcSecondLevel.create(Databases.postgres(), namespace);
        levelB = JdbcSecondLevel.create(Databases.postgres(), namespace);
        a = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("a").secondLevel(levelA)
                .tagger((k, v) -> Set.of("t:" + k.charAt(0))).build());
        b = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("b").secondLevel(levelB)
                .tagger((k, v) -> Set.of("t:" + k.charAt(0))).build());
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
            b.close();
            levelA.close();
            levelB.close();
            Databases.purge(Databases.postgres(), namespace);
        }
    }

    /** Whether the node's L1 holds the key, looked at without going to L2. */
    private static boolean inL1(TieredCache<String, String> node, String key) {
        return node.temperatureOf(key) != null;
    }

    @Test
    void aValueWrittenOnOneNodeIsReadOnTheOther() {
        a.put("k", "v1", null, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "v1".equals(b.getIfPresent("k")));
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
    void aNewValueOnOneNodeReplacesTheOldInTheOthersL1() {
        a.put("k", "v1", null, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "v1".equals(b.getIfPresent("k")));
        a.put("k", "v2", null, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "v2".equals(b.getIfPresent("k")));
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
        for (int i = 0; i < 30; i++) {
            String key = "k" + i;
            a.put(key, "old", null, null);
            a.invalidate(key);
            assertThat(a.getIfPresent(key)).isNull();
            assertThat(a.get(key, k -> "new")).isEqualTo("new");
        }
    }

    @Test
    void aNodeWhoseListenerWasCutNeverServesWhatWasInvalidatedMeanwhile() {
        a.put("k", "old", null, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "old".equals(b.getIfPresent("k")));
        assertThat(inL1(b, "k")).isTrue();
        int pid = levelB.listenerBackendPid();
        assertThat(pid).isPositive();
        Databases.terminate(pid);
        a.invalidate("k");
        // B's listener reconnects and reports a gap; B must have dropped what it could have missed.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> levelB.listenerBackendPid() > 0 && levelB.listenerBackendPid() != pid && !inL1(b, "k"));
        assertThat(b.getIfPresent("k")).isNull();
        // And the link works again.
        b.put("k2", "v", null, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "v".equals(a.getIfPresent("k2")));
        b.invalidate("k2");
        await().atMost(Duration.ofSeconds(10)).until(() -> !inL1(a, "k2"));
    }
}
