package io.keel.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two cache nodes, each with its own second level (and connections) on one shared store under one namespace: what
 * every shared {@link SecondLevel} must give a pair of {@link TieredCache}s, run against each store (Redis in
 * keel-cache-redis, PostgreSQL in keel-cache-jdbc). Node a's level is wrapped so that a test can hold its writes.
 */
public abstract class AbstractTwoNodesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    protected String namespace;
    protected SecondLevel levelA;
    protected SecondLevel levelB;
    private FaultySecondLevel faultyA;
    private TieredCache<String, String> a;
    private TieredCache<String, String> b;

    /** A level of its own (own connections) on the shared store, keys under {@code namespace}. */
    protected abstract SecondLevel openLevel(String namespace);

    /** Removes whatever the store holds under {@code namespace}. */
    protected abstract void purge(String namespace);

    /**
     * Cuts the link on which {@code level} hears invalidations, the way the store's server would (a killed
     * connection), and answers whether the level has linked again since.
     */
    protected abstract BooleanSupplier cutInvalidationLink(SecondLevel level);

    @BeforeEach
    void startNodes() {
        namespace = "keeltest-" + UUID.randomUUID();
        levelA = openLevel(namespace);
        levelB = openLevel(namespace);
        faultyA = new FaultySecondLevel(levelA);
        a = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("a").secondLevel(faultyA)
                .tagger((k, v) -> Set.of("t:" + k.charAt(0))).build());
        b = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("b").secondLevel(levelB)
                .tagger((k, v) -> Set.of("t:" + k.charAt(0))).build());
    }

    @AfterEach
    void stopNodes() {
        if (a != null) {
            a.close();
            b.close();
            levelA.close();
            levelB.close();
            purge(namespace);
        }
    }

    /** Whether the node's L1 holds the key, looked at without going to L2. */
    private static boolean inL1(TieredCache<String, String> node, String key) {
        return node.temperatureOf(key) != null;
    }

    @Test
    void aValueWrittenOnOneNodeIsReadOnTheOtherAndANewerOneReplacesIt() {
        a.put("k", "v1", null, null);
        await().atMost(WAIT).until(() -> "v1".equals(b.getIfPresent("k")));
        a.put("k", "v2", null, null);
        await().atMost(WAIT).until(() -> "v2".equals(b.getIfPresent("k")));
    }

    @Test
    void anInvalidationOnOneNodeReachesTheOthersL1() {
        a.put("k", "v1", null, null);
        await().atMost(WAIT).until(() -> "v1".equals(b.getIfPresent("k")));
        assertThat(inL1(b, "k")).isTrue();
        assertThat(a.invalidate("k")).isEqualTo(1);
        await().atMost(WAIT).until(() -> !inL1(b, "k"));
        assertThat(b.getIfPresent("k")).isNull();
    }

    @Test
    void tagAndPatternInvalidationsReachBothTiersOfBothNodes() {
        for (String k : new String[] {"x1", "x2", "y1"}) {
            a.put(k, "v", null, null);
            await().atMost(WAIT).until(() -> b.getIfPresent(k) != null);
        }
        assertThat(b.invalidateTag("t:x")).isEqualTo(2);
        await().atMost(WAIT).until(() -> !inL1(a, "x1") && !inL1(a, "x2"));
        assertThat(a.getIfPresent("x1")).isNull();
        assertThat(a.getIfPresent("y1")).isEqualTo("v");
        assertThat(a.invalidatePattern("y*")).isEqualTo(1);
        await().atMost(WAIT).until(() -> !inL1(b, "y1"));
        assertThat(b.getIfPresent("y1")).isNull();
    }

    @Test
    void theInvalidatingNodeNeverReadsTheOldValueAfterInvalidateReturns() {
        for (int i = 0; i < 40; i++) {
            String key = "k" + i;
            a.put(key, "old", null, null);
            a.invalidate(key);
            assertThat(a.getIfPresent(key)).isNull();
            assertThat(a.get(key, k -> "new")).isEqualTo("new");
        }
    }

    @Test
    void aWriteBehindRacingAnInvalidationNeverLeavesTheOldValue() {
        faultyA.holdWrites();
        a.put("k", "old", null, null);
        b.invalidate("k");
        faultyA.releaseWrites();
        // The old write reaches the store after the tombstone and is refused; wait for it to have been tried.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(levelA.get("k").join()).isNull();
            assertThat(a.getIfPresent("k")).isNull();
            assertThat(b.getIfPresent("k")).isNull();
        });
        assertThat(b.get("k", key -> "fresh")).isEqualTo("fresh");
        await().atMost(WAIT).until(() -> "fresh".equals(a.getIfPresent("k")));
    }

    @Test
    void aNodeWhoseInvalidationLinkWasCutNeverServesWhatWasInvalidatedMeanwhile() {
        a.put("k", "old", null, null);
        await().atMost(WAIT).until(() -> "old".equals(b.getIfPresent("k")));
        assertThat(inL1(b, "k")).isTrue();
        BooleanSupplier relinked = cutInvalidationLink(levelB);
        a.invalidate("k");
        // The level links again by itself; b must have dropped what it could have missed meanwhile.
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> relinked.getAsBoolean() && !inL1(b, "k"));
        assertThat(b.getIfPresent("k")).isNull();
        // And the link works again.
        b.put("k2", "v", null, null);
        await().atMost(WAIT).until(() -> "v".equals(a.getIfPresent("k2")));
        b.invalidate("k2");
        await().atMost(WAIT).until(() -> !inL1(a, "k2"));
    }
}
