package io.keel.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.keel.testkit.DirectExecutor;
import io.keel.testkit.ManualClock;

class WarmingAndPrefetchTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void warmersFillTheCacheAndFailuresAreReportedNotThrown() {
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                .time(clock, clock).executor(new DirectExecutor())
                .warmer("users", sink -> {
                    for (int i = 0; i < 10; i++) {
                        sink.test("user:" + i, "u" + i);
                    }
                })
                .warmer("broken", sink -> {
                    sink.test("b:1", "b1");
                    throw new IllegalStateException("catalogue unavailable");
                })
                .build())) {
            WarmReport report = cache.warm();
            assertThat(report.warmed()).isEqualTo(11);
            assertThat(report.failures()).containsOnlyKeys("broken");
            assertThat(report.failures().get("broken")).contains("catalogue unavailable");
            assertThat(report.timedOut()).isEmpty();
            assertThat(cache.getIfPresent("user:9")).isEqualTo("u9");
            assertThat(cache.getIfPresent("b:1")).isEqualTo("b1");
        }
    }

    @Test
    void aWarmerStopsStoringOnceItsBudgetIsSpent() {
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                .time(clock, clock).executor(new DirectExecutor()).warmBudget(Duration.ofSeconds(5))
                .warmer("slow", sink -> {
                    for (int i = 0; ; i++) {
                        clock.advance(Duration.ofSeconds(1)); // each entry "takes" a second to compute
                        if (!sink.test("k" + i, "v" + i)) {
                            return;
                        }
                    }
                })
                .build())) {
            WarmReport report = cache.warm();
            assertThat(report.warmed()).isEqualTo(5);
            assertThat(report.timedOut()).containsExactly("slow");
            assertThat(cache.getIfPresent("k4")).isEqualTo("v4");
            assertThat(cache.getIfPresent("k5")).isNull();
        }
    }

    @Test
    void declaredRelatedKeysArePrefetchedWithinThePerReadBudget() {
        AtomicInteger prefetchLoads = new AtomicInteger();
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                .time(clock, clock).executor(new DirectExecutor())
                .prefetch(k -> {
                    prefetchLoads.incrementAndGet();
                    return "pre:" + k;
                }, 2, 4)
                .relatedKeys(k -> k.equals("user:1")
                        ? List.of("user:1:settings", "user:1:avatar", "user:1:friends") : List.of())
                .build())) {
            assertThat(cache.get("user:1", k -> "u1")).isEqualTo("u1");
            assertThat(prefetchLoads).hasValue(2);
            assertThat(cache.getIfPresent("user:1:settings")).isEqualTo("pre:user:1:settings");
            assertThat(cache.getIfPresent("user:1:avatar")).isEqualTo("pre:user:1:avatar");
            // The third relation was over the per-read budget; the next read of user:1 fetches it.
            cache.get("user:1", k -> "u1");
            assertThat(prefetchLoads).hasValue(3);
            assertThat(cache.getIfPresent("user:1:friends")).isEqualTo("pre:user:1:friends");
        }
    }

    @Test
    void prefetchNeverRunsMoreLoadsAtOnceThanItsBudget() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                .executor(pool)
                .prefetch(k -> {
                    started.incrementAndGet();
                    running.incrementAndGet();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return "p";
                }, 10, 2)
                .relatedKeys(k -> List.of(k + ":a", k + ":b", k + ":c", k + ":d"))
                .build())) {
            cache.get("x", k -> "x");
            cache.get("y", k -> "y");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 2);
            assertThat(running.get()).isLessThanOrEqualTo(2);
            release.countDown();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysReadTogetherAreLearnedAndThenPrefetched() {
        ConcurrentHashMap<String, Integer> loads = new ConcurrentHashMap<>();
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                .time(clock, clock).executor(new DirectExecutor()).l1MaxEntries(100)
                .prefetch(k -> {
                    loads.merge(k, 1, Integer::sum);
                    return "pre:" + k;
                }, 4, 4)
                .learnCoAccess(Duration.ofMillis(50), 3)
                .build())) {
            for (int round = 0; round < 3; round++) {
                cache.get("order:" + round, k -> "o");
                clock.advanceMillis(10);
                cache.get("order:" + round + ":lines", k -> "lines");
                clock.advanceMillis(1_000);
                cache.invalidate("order:" + round + ":lines");
            }
            // Each order pair was seen once: below the evidence threshold, nothing is prefetched.
            assertThat(loads).isEmpty();
            // The same pair read together three times is learned; the fourth read of "cart" prefetches its items.
            for (int i = 0; i < 3; i++) {
                cache.get("cart", k -> "c");
                clock.advanceMillis(5);
                cache.get("cart:items", k -> "i");
                clock.advanceMillis(1_000);
                cache.invalidate("cart:items");
            }
            cache.get("cart", k -> "c");
            assertThat(loads).containsEntry("cart:items", 1);
            assertThat(cache.getIfPresent("cart:items")).isEqualTo("pre:cart:items");
        }
    }
}
