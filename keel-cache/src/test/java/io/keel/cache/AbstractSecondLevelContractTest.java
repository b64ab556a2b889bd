package io.keel.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SecondLevel} must do, run against each implementation (in-memory here, Redis in
 * keel-cache-redis). Each test gets a fresh namespace, so implementations sharing a server do not collide.
 */
public abstract class AbstractSecondLevelContractTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration TOMB = Duration.ofMinutes(1);

    protected SecondLevel level;
    protected String namespace;

    /** A level whose keys live under {@code namespace} and nowhere else. */
    protected abstract SecondLevel open(String namespace);

    /** Removes whatever the level stored under {@code namespace}. */
    protected abstract void purge(String namespace);

    @BeforeEach
    void openLevel() {
        namespace = "keeltest-" + UUID.randomUUID();
        level = open(namespace);
    }

    @AfterEach
    void closeLevel() {
        level.close();
        purge(namespace);
    }

    private static <T> T done(CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(L2Entry e) {
        return e == null ? null : new String(e.value(), StandardCharsets.UTF_8);
    }

    @Test
    void anAbsentKeyReadsAsNull() {
        assertThat(done(level.get("nothing"))).isNull();
    }

    @Test
    void aWrittenValueIsReadBackWithItsVersionAndTags() {
        assertThat(done(level.put("a", bytes("one"), 10, Set.of("t1", "t2"), TTL))).isTrue();
        L2Entry e = done(level.get("a"));
        assertThat(text(e)).isEqualTo("one");
        assertThat(e.version()).isEqualTo(10);
        assertThat(e.tags()).containsExactlyInAnyOrder("t1", "t2");
    }

    @Test
    void aWriteWithAnOlderOrEqualVersionNeverOverwritesANewerValue() {
        done(level.put("a", bytes("new"), 20, Set.of(), TTL));
        assertThat(done(level.put("a", bytes("old"), 10, Set.of(), TTL))).isFalse();
        assertThat(done(level.put("a", bytes("same"), 20, Set.of(), TTL))).isFalse();
        assertThat(text(done(level.get("a")))).isEqualTo("new");
        assertThat(done(level.put("a", bytes("newer"), 30, Set.of(), TTL))).isTrue();
        assertThat(text(done(level.get("a")))).isEqualTo("newer");
    }

    @Test
    void aDelayedWriteNeverResurrectsAnInvalidatedKey() {
        done(level.put("a", bytes("v1"), 10, Set.of(), TTL));
        assertThat(done(level.delete("a", 20, TOMB))).isTrue();
        assertThat(done(level.put("a", bytes("late"), 15, Set.of(), TTL))).isFalse();
        assertThat(done(level.get("a"))).isNull();
        assertThat(done(level.put("a", bytes("fresh"), 25, Set.of(), TTL))).isTrue();
        assertThat(text(done(level.get("a")))).isEqualTo("fresh");
    }

    @Test
    void deletingAMissingKeyStillBlocksOlderWrites() {
        assertThat(done(level.delete("ghost", 20, TOMB))).isFalse();
        assertThat(done(level.put("ghost", bytes("late"), 19, Set.of(), TTL))).isFalse();
        assertThat(done(level.get("ghost"))).isNull();
    }

    @Test
    void anOlderDeleteLeavesANewerValue() {
        done(level.put("a", bytes("new"), 30, Set.of(), TTL));
        assertThat(done(level.delete("a", 20, TOMB))).isFalse();
        assertThat(text(done(level.get("a")))).isEqualTo("new");
    }

    @Test
    void bulkReadReturnsLiveValuesOnly() {
        done(level.put("a", bytes("A"), 1, Set.of(), TTL));
        done(level.put("b", bytes("B"), 1, Set.of(), TTL));
        done(level.put("c", bytes("C"), 1, Set.of(), TTL));
        done(level.delete("c", 2, TOMB));
        Map<String, L2Entry> found = done(level.getAll(List.of("a", "b", "c", "d")));
        assertThat(found).containsOnlyKeys("a", "b");
        assertThat(text(found.get("b"))).isEqualTo("B");
    }

    @Test
    void orderedBulkReadAnswersEachKeyInPlaceWithVersionAndTags() {
        done(level.put("a", bytes("A"), 7, Set.of("t1", "t2"), TTL));
        done(level.put("c", bytes("C"), 1, Set.of(), TTL));
        done(level.delete("c", 2, TOMB));
        done(level.put("é:ü", bytes(""), 3, Set.of(), TTL));
        List<L2Entry> each = done(level.getEach(List.of("b", "a", "c", "é:ü", "a")));
        assertThat(each).hasSize(5);
        assertThat(each.get(0)).isNull();
        assertThat(text(each.get(1))).isEqualTo("A");
        assertThat(each.get(1).version()).isEqualTo(7);
        assertThat(each.get(1).tags()).containsExactlyInAnyOrder("t1", "t2");
        assertThat(each.get(2)).isNull();
        assertThat(each.get(3).value()).isEmpty();
        assertThat(text(each.get(4))).isEqualTo("A");
        assertThat(done(level.getEach(List.of()))).isEmpty();
    }

    @Test
    void tagDeleteRemovesExactlyTheTaggedKeys() {
        done(level.put("u1", bytes("1"), 1, Set.of("user"), TTL));
        done(level.put("u2", bytes("2"), 1, Set.of("user", "vip"), TTL));
        done(level.put("o1", bytes("3"), 1, Set.of("order"), TTL));
        assertThat(done(level.deleteByTag("user", 5, TOMB))).isEqualTo(2);
        assertThat(done(level.get("u1"))).isNull();
        assertThat(done(level.get("u2"))).isNull();
        assertThat(text(done(level.get("o1")))).isEqualTo("3");
        assertThat(done(level.put("u1", bytes("late"), 4, Set.of("user"), TTL))).isFalse();
    }

    @Test
    void tagDeleteSparesValuesNewerThanIt() {
        done(level.put("u1", bytes("new"), 10, Set.of("user"), TTL));
        assertThat(done(level.deleteByTag("user", 5, TOMB))).isZero();
        assertThat(text(done(level.get("u1")))).isEqualTo("new");
    }

    @Test
    void patternDeleteRemovesMatchingKeysOnly() {
        for (int i = 0; i < 30; i++) {
            done(level.put("user:" + i, bytes("u" + i), 1, Set.of(), TTL));
        }
        done(level.put("order:1", bytes("o"), 1, Set.of(), TTL));
        assertThat(done(level.deleteByPattern("user:*", 2, TOMB))).isEqualTo(30);
        assertThat(done(level.get("user:7"))).isNull();
        assertThat(text(done(level.get("order:1")))).isEqualTo("o");
        assertThat(done(level.deleteByPattern("user:[12]", 3, TOMB))).isZero();
    }

    @Test
    void publishedInvalidationsReachSubscribers() throws Exception {
        List<Invalidation> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = subscribeInto(seen)) {
            Invalidation inv = new Invalidation("node-a", Invalidation.Kind.TAG, "user", 42);
            done(level.publish(inv));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(inv));
        }
    }

    @Test
    void aWriteAnnouncesItselfOnlyIfItLanded() throws Exception {
        List<Invalidation> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = subscribeInto(seen)) {
            assertThat(done(level.put("a", bytes("v"), 10, Set.of(), TTL, "node-a"))).isTrue();
            assertThat(done(level.put("a", bytes("old"), 5, Set.of(), TTL, "node-a"))).isFalse();
            assertThat(done(level.put("b", bytes("quiet"), 1, Set.of(), TTL))).isTrue();
            Invalidation landed = new Invalidation("node-a", Invalidation.Kind.KEY, "a", 10);
            // A marker published last: once it arrives, everything published before it has arrived too.
            Invalidation marker = new Invalidation("node-z", Invalidation.Kind.ALL, "", 99);
            done(level.publish(marker));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(marker));
            assertThat(seen).containsExactly(landed, marker);
        }
    }

    @Test
    void aBatchWriteKeepsTheVersionRuleKeyByKeyAndAnnouncesOnlyWhatLanded() throws Exception {
        List<Invalidation> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = subscribeInto(seen)) {
            assertThat(done(level.put("a", bytes("a20"), 20, Set.of(), TTL))).isTrue();
            done(level.delete("gone", 30, TOMB));
            List<Boolean> written = done(level.putAll(List.of(
                    new SecondLevel.Write("a", bytes("a10"), 10, Set.of(), TTL),
                    new SecondLevel.Write("b", bytes("b11"), 11, Set.of("t"), TTL),
                    new SecondLevel.Write("gone", bytes("g25"), 25, Set.of(), TTL),
                    new SecondLevel.Write("c:ü|x", bytes("c12"), 12, Set.of(), TTL)), "node-a"));
            assertThat(written).containsExactly(false, true, false, true);
            assertThat(text(done(level.get("a")))).isEqualTo("a20");
            assertThat(done(level.get("b")).tags()).containsExactly("t");
            assertThat(done(level.get("gone"))).isNull();
            assertThat(text(done(level.get("c:ü|x")))).isEqualTo("c12");
            // The batch's tags are indexed like single writes': a tag delete reaches its keys.
            assertThat(done(level.deleteByTag("t", 40, TOMB))).isEqualTo(1);
            Invalidation marker = new Invalidation("node-z", Invalidation.Kind.ALL, "", 99);
            done(level.publish(marker));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(marker));
            List<String> announced = seen.stream().filter(i -> i.origin().equals("node-a"))
                    .peek(i -> assertThat(i.version()).isBetween(11L, 12L))
                    .flatMap(i -> i.keys().stream()).toList();
            assertThat(announced).containsExactlyInAnyOrder("b", "c:ü|x");
        }
    }

    @Test
    void aBatchWhoseEveryWriteLandsAnnouncesEveryKey() throws Exception {
        List<Invalidation> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = subscribeInto(seen)) {
            List<Boolean> written = done(level.putAll(List.of(
                    new SecondLevel.Write("x", bytes("x1"), 31, Set.of(), TTL),
                    new SecondLevel.Write("ключ:1", bytes("k1"), 33, Set.of("t"), TTL),
                    new SecondLevel.Write("y|z", bytes("y1"), 32, Set.of(), TTL)), "node-b"));
            assertThat(written).containsExactly(true, true, true);
            Invalidation marker = new Invalidation("node-z", Invalidation.Kind.ALL, "", 99);
            done(level.publish(marker));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(marker));
            List<Invalidation> fromBatch = seen.stream().filter(i -> i.origin().equals("node-b")).toList();
            // One KEYS message at the batch's highest version, or one per key at its own (SecondLevel.putAll).
            assertThat(fromBatch).allSatisfy(i -> assertThat(i.version()).isBetween(31L, 33L));
            assertThat(fromBatch.stream().flatMap(i -> i.keys().stream()).toList())
                    .containsExactlyInAnyOrder("x", "ключ:1", "y|z");
        }
    }

    /** Versions are numbers however many digits they have (a store may compare them as text, but correctly). */
    @Test
    void aBatchComparesVersionsAsNumbersAcrossDigitCounts() throws Exception {
        List<Invalidation> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = subscribeInto(seen)) {
            assertThat(done(level.put("p", bytes("p10"), 10, Set.of(), TTL))).isTrue();
            assertThat(done(level.put("q", bytes("q99"), 99, Set.of(), TTL))).isTrue();
            done(level.delete("r", 1_000, TOMB));
            long huge = 1_000_000_000_000L;
            List<Boolean> written = done(level.putAll(List.of(
                    new SecondLevel.Write("p", bytes("p9"), 9, Set.of(), TTL),
                    new SecondLevel.Write("q", bytes("q100"), 100, Set.of(), TTL),
                    new SecondLevel.Write("r", bytes("r999"), 999, Set.of(), TTL),
                    new SecondLevel.Write("t", bytes("t-huge"), huge, Set.of(), TTL),
                    new SecondLevel.Write("s", bytes("s8"), 8, Set.of(), TTL)), "node-c"));
            assertThat(written).containsExactly(false, true, false, true, true);
            assertThat(text(done(level.get("p")))).isEqualTo("p10");
            assertThat(text(done(level.get("q")))).isEqualTo("q100");
            assertThat(done(level.get("r"))).isNull();
            assertThat(done(level.get("t")).version()).isEqualTo(huge);
            assertThat(text(done(level.get("s")))).isEqualTo("s8");
            Invalidation marker = new Invalidation("node-z", Invalidation.Kind.ALL, "", 99);
            done(level.publish(marker));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(marker));
            List<Invalidation> fromBatch = seen.stream().filter(i -> i.origin().equals("node-c")).toList();
            // Whether one KEYS message (at the batch's highest version) or one per key: the highest is the huge one.
            assertThat(fromBatch.stream().mapToLong(Invalidation::version).max()).hasValue(huge);
            assertThat(fromBatch.stream().flatMap(i -> i.keys().stream()).toList())
                    .containsExactlyInAnyOrder("q", "t", "s");
        }
        // The same rule for large values (a store may take another path for them).
        byte[] large = new byte[10_000];
        large[0] = 1;
        assertThat(done(level.putAll(List.of(
                new SecondLevel.Write("p", large, 11, Set.of("big"), TTL),
                new SecondLevel.Write("q", large, 99, Set.of("big"), TTL),
                new SecondLevel.Write("r", large, 1_001, Set.of(), TTL)), null))).containsExactly(true, false, true);
        assertThat(done(level.get("p")).value()).isEqualTo(large);
        assertThat(text(done(level.get("q")))).isEqualTo("q100");
        assertThat(done(level.get("r")).version()).isEqualTo(1_001);
    }

    @Test
    void aBatchWriteIndexesEveryTagAndRefusesOlderOrEqualVersionsOverValuesAndTombstones() {
        assertThat(done(level.put("old", bytes("o50"), 50, Set.of("keep"), TTL))).isTrue();
        done(level.delete("dead", 60, TOMB));
        byte[] big = new byte[100_000];
        big[big.length - 1] = 7;
        List<Boolean> written = done(level.putAll(List.of(
                new SecondLevel.Write("old", bytes("o49"), 49, Set.of("ü-tag"), TTL),
                new SecondLevel.Write("dead", bytes("d60"), 60, Set.of("ü-tag"), TTL),
                new SecondLevel.Write("big", big, 70, Set.of("ü-tag", "日本", "a:b"), Duration.ofMinutes(7)),
                new SecondLevel.Write("k:é", bytes("e71"), 71, Set.of("日本"), Duration.ofMinutes(3)),
                new SecondLevel.Write("plain", bytes("p72"), 72, Set.of(), TTL)), null));
        assertThat(written).containsExactly(false, false, true, true, true);
        L2Entry old = done(level.get("old"));
        assertThat(text(old)).isEqualTo("o50");
        assertThat(old.tags()).containsExactly("keep");
        assertThat(done(level.get("dead"))).isNull();
        L2Entry bigBack = done(level.get("big"));
        assertThat(bigBack.value()).isEqualTo(big);
        assertThat(bigBack.version()).isEqualTo(70);
        assertThat(bigBack.tags()).containsExactlyInAnyOrder("ü-tag", "日本", "a:b");
        assertThat(done(level.get("k:é")).tags()).containsExactly("日本");
        // Only landed writes joined their tags' sets: the refused "old" and "dead" are not in ü-tag's.
        assertThat(done(level.deleteByTag("ü-tag", 80, TOMB))).isEqualTo(1);
        assertThat(done(level.deleteByTag("日本", 80, TOMB))).isEqualTo(1);
        assertThat(text(done(level.get("old")))).isEqualTo("o50");
        assertThat(done(level.get("big"))).isNull();
        assertThat(done(level.get("k:é"))).isNull();
        assertThat(text(done(level.get("plain")))).isEqualTo("p72");
        // A newer batch lands over values and tombstones alike.
        assertThat(done(level.putAll(List.of(
                new SecondLevel.Write("old", bytes("o90"), 90, Set.of(), TTL),
                new SecondLevel.Write("big", bytes("b91"), 91, Set.of(), TTL)), null))).containsExactly(true, true);
        assertThat(text(done(level.get("old")))).isEqualTo("o90");
        assertThat(text(done(level.get("big")))).isEqualTo("b91");
    }

    @Test
    void pingAnswers() {
        assertThat(level.ping()).succeedsWithin(Duration.ofSeconds(5));
    }

    /** Subscribes a listener that collects every invalidation it hears into {@code seen}. */
    private AutoCloseable subscribeInto(List<Invalidation> seen) {
        return level.subscribe(new InvalidationListener() {
            @Override
            public void onInvalidation(Invalidation invalidation) {
                seen.add(invalidation);
            }

            @Override
            public void onLinkGap() {
            }
        });
    }
}
