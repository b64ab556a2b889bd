package io.keel.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A cache that starts while its second level is unreachable, and takes it into use once it answers. */
class DeferredSecondLevelTest {

    /** A store that refuses connections until {@link #up}; counts attempts and what it handed out. */
    private static final class Store {
        final InMemorySecondLevel shared = new InMemorySecondLevel();
        final AtomicBoolean up = new AtomicBoolean();
        final AtomicInteger attempts = new AtomicInteger();
        final List<AtomicBoolean> closedConnections = new CopyOnWriteArrayList<>();

        SecondLevel connect() {
            attempts.incrementAndGet();
            if (!up.get()) {
                throw new IllegalStateException("connection refused (test)");
            }
            AtomicBoolean closed = new AtomicBoolean();
            closedConnections.add(closed);
            return new FaultySecondLevel(shared) {
                @Override
                public void close() {
                    closed.set(true);
                }
            };
        }
    }

    @Test
    void failsEveryCallUntilAProbeConnectsThenDelegates() {
        Store store = new Store();
        try (DeferredSecondLevel l2 = DeferredSecondLevel.connectingWith("test store", store::connect)) {
            assertThat(l2.get("k")).isCompletedExceptionally();
            assertThat(l2.put("k", new byte[] {1}, 1, Set.of(), Duration.ofMinutes(1))).isCompletedExceptionally();
            assertThat(l2.estimatedEntries()).isEqualTo(-1);
            assertThatThrownBy(() -> l2.ping().join()).isInstanceOf(CompletionException.class)
                    .hasMessageContaining("connection refused");
            assertThat(l2.connected()).isFalse();

            store.up.set(true);
            l2.ping().join();
            assertThat(l2.connected()).isTrue();
            assertThat(l2.put("k", new byte[] {7}, 1, Set.of(), Duration.ofMinutes(1)).join()).isTrue();
            assertThat(store.shared.get("k").join().value()).containsExactly(7);
            assertThat(l2.getEach(List.of("k", "absent")).join().get(1)).isNull();
            l2.ping().join();
            assertThat(store.attempts).hasValue(2);
        }
        assertThat(store.closedConnections).singleElement().satisfies(closed -> assertThat(closed).isTrue());
    }

    @Test
    void listenersSubscribedBeforeTheConnectionHearOfTheGapAndThenOfInvalidations() throws Exception {
        Store store = new Store();
        List<String> heard = new CopyOnWriteArrayList<>();
        try (DeferredSecondLevel l2 = DeferredSecondLevel.connectingWith("test store", store::connect);
             AutoCloseable subscription = l2.subscribe(new InvalidationListener() {
                 @Override
                 public void onInvalidation(Invalidation invalidation) {
                     heard.add(invalidation.target());
                 }

                 @Override
                 public void onLinkGap() {
                     heard.add("<gap>");
                 }
             })) {
            store.shared.publish(new Invalidation("other", Invalidation.Kind.KEY, "before", 1)).join();
            store.up.set(true);
            l2.ping().join();
            store.shared.publish(new Invalidation("other", Invalidation.Kind.KEY, "after", 2)).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("after"));
            assertThat(heard).containsExactly("<gap>", "after");
        }
    }

    @Test
    void aConnectionThatArrivesAfterCloseIsClosedAndNotUsed() {
        Store store = new Store();
        DeferredSecondLevel l2 = DeferredSecondLevel.connectingWith("test store", store::connect);
        l2.close();
        store.up.set(true);
        assertThatThrownBy(() -> l2.ping().join()).hasMessageContaining("closed");
        assertThat(l2.connected()).isFalse();
        assertThat(store.closedConnections).allSatisfy(closed -> assertThat(closed).isTrue());
    }

    @Test
    void aCacheStartedWhileTheStoreIsDownServesFromL1AndTakesL2IntoUseWhenItAnswers() {
        Store store = new Store();
        DeferredSecondLevel l2 = DeferredSecondLevel.connectingWith("test store", store::connect);
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                .nodeId("late").secondLevel(l2).breaker(2, Duration.ofMillis(1)).writeBehind(false).build());
             TieredCache<String, String> peer = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                     .nodeId("peer").secondLevel(store.shared).writeBehind(false).build())) {
            for (int i = 0; i < 5; i++) {
                assertThat(cache.get("k" + i, k -> "loaded-" + k)).isEqualTo("loaded-k" + i);
            }
            cache.put("early", "e");
            assertThat(cache.getIfPresent("early")).isEqualTo("e");
            assertThat(cache.stats().l2Available()).isFalse();
            // Invalidated by another node while this one could not hear it.
            peer.put("k1", "newer");
            assertThat(cache.getIfPresent("k1")).isEqualTo("loaded-k1");

            store.up.set(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                cache.maintain();
                return cache.stats().l2Available();
            });
            assertThat(cache.get("k1", k -> "reloaded")).isEqualTo("newer");
            cache.put("late", "l");
            assertThat(peer.getIfPresent("late")).isEqualTo("l");
            peer.invalidate("late");
            await().atMost(Duration.ofSeconds(10)).until(() -> cache.getIfPresent("late") == null);
        }
    }

    /**
     * Sixteen threads read, write, subscribe and probe while the store comes up underneath: no call throws (a
     * failure is a failed future), the store is connected exactly once (one live connection, none leaked), every
     * listener subscribed before the connection hears of the gap exactly once, and none hears of it twice.
     */
    @Test
    void concurrentCallsProbesAndSubscriptionsWhileTheStoreComesUpConnectOnce() throws Exception {
        Store store = new Store();
        // Gap counters of listeners that were subscribed while the level was still not connected once subscribe
        // returned (they must hear of the gap exactly once), and of all listeners (never more than once).
        List<AtomicInteger> gapsBefore = new CopyOnWriteArrayList<>();
        List<AtomicInteger> gaps = new CopyOnWriteArrayList<>();
        try (DeferredSecondLevel l2 = DeferredSecondLevel.connectingWith("test store", store::connect);
             var pool = Executors.newFixedThreadPool(16)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        switch ((thread + i) % 4) {
                            case 0 -> l2.get("k" + i).exceptionally(e -> null);
                            case 1 -> l2.put("k" + i, new byte[] {1}, i + 1L, Set.of(), Duration.ofMinutes(1))
                                    .exceptionally(e -> false);
                            case 2 -> l2.ping().exceptionally(e -> null);
                            default -> {
                                if (i % 100 == 3 && !l2.connected()) {
                                    AtomicInteger gap = new AtomicInteger();
                                    l2.subscribe(new InvalidationListener() {
                                        @Override
                                        public void onInvalidation(Invalidation invalidation) {
                                        }

                                        @Override
                                        public void onLinkGap() {
                                            gap.incrementAndGet();
                                        }
                                    });
                                    gaps.add(gap);
                                    if (!l2.connected()) {
                                        gapsBefore.add(gap);
                                    }
                                }
                            }
                        }
                        if (thread == 0 && i == 500) {
                            store.up.set(true);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                l2.ping().exceptionally(e -> null);
                return l2.connected();
            });
            assertThat(store.closedConnections).hasSize(1);
            assertThat(store.closedConnections.getFirst()).isFalse();
            assertThat(gaps).allSatisfy(gap -> assertThat(gap).hasValueLessThanOrEqualTo(1));
            assertThat(gapsBefore).isNotEmpty();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gapsBefore.stream().allMatch(gap -> gap.get() == 1));
        }
    }
}
