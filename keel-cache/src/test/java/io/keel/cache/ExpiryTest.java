package io.keel.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.keel.testkit.DirectExecutor;
import io.keel.testkit.ManualClock;

class ExpiryTest {

    private final ManualClock clock = new ManualClock();

    private CacheConfig.Builder<String, String> config() {
        return CacheConfig.builder(Codecs.utf8()).time(clock, clock).executor(new DirectExecutor());
    }

    @Test
    void entriesLiveForTheirTtlOnTheInjectedTicker() {
        try (TieredCache<String, String> cache = TieredCache.create(config().ttl(Duration.ofMinutes(1)).build())) {
            cache.put("k", "v");
            clock.advance(Duration.ofSeconds(59));
            assertThat(cache.getIfPresent("k")).isEqualTo("v");
            clock.advance(Duration.ofSeconds(1));
            assertThat(cache.getIfPresent("k")).isNull();
        }
    }

    @Test
    void aPerEntryTtlOverridesTheCacheTtl() {
        try (TieredCache<String, String> cache = TieredCache.create(config().ttl(Duration.ofMinutes(1)).build())) {
            cache.put("short", "v", Duration.ofSeconds(5), null);
            cache.put("long", "v");
            clock.advance(Duration.ofSeconds(5));
            assertThat(cache.getIfPresent("short")).isNull();
            assertThat(cache.getIfPresent("long")).isEqualTo("v");
        }
    }

    @Test
    void jitterSpreadsExpiryWithinTheConfiguredFraction() {
        try (TieredCache<String, String> cache = TieredCache.create(
                config().ttl(Duration.ofSeconds(100)).ttlJitter(0.5).build())) {
            for (int i = 0; i < 200; i++) {
                cache.put("k" + i, "v");
            }
            clock.advance(Duration.ofSeconds(50).minusMillis(1));
            long alive = countPresent(cache);
            assertThat(alive).isEqualTo(200);
            clock.advance(Duration.ofSeconds(25));
            long midway = countPresent(cache);
            assertThat(midway).isBetween(1L, 199L);
            clock.advance(Duration.ofSeconds(25));
            assertThat(countPresent(cache)).isZero();
        }
    }

    private static long countPresent(TieredCache<String, String> cache) {
        long n = 0;
        for (int i = 0; i < 200; i++) {
            if (cache.getIfPresent("k" + i) != null) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aMissingValueIsRememberedForTheNegativeTtl() {
        AtomicInteger loads = new AtomicInteger();
        try (TieredCache<String, String> cache = TieredCache.create(
                config().negativeTtl(Duration.ofSeconds(10)).build())) {
            for (int i = 0; i < 3; i++) {
                assertThat(cache.get("ghost", k -> {
                    loads.incrementAndGet();
                    return null;
                })).isNull();
            }
            assertThat(loads).hasValue(1);
            assertThat(cache.stats().negativeHits()).isEqualTo(2);
            clock.advance(Duration.ofSeconds(10));
            cache.get("ghost", k -> {
                loads.incrementAndGet();
                return null;
            });
            assertThat(loads).hasValue(2);
        }
    }

    @Test
    void withoutNegativeCachingEveryMissCallsTheLoader() {
        AtomicInteger loads = new AtomicInteger();
        try (TieredCache<String, String> cache = TieredCache.create(config().build())) {
            cache.get("ghost", k -> {
                loads.incrementAndGet();
                return null;
            });
            cache.get("ghost", k -> {
                loads.incrementAndGet();
                return null;
            });
            assertThat(loads).hasValue(2);
        }
    }

    @Test
    void refreshAheadServesTheOldValueAndReloadsInTheBackground() {
        AtomicInteger version = new AtomicInteger();
        try (TieredCache<String, String> cache = TieredCache.create(
                config().ttl(Duration.ofSeconds(10)).refreshAhead(0.5).build())) {
            assertThat(cache.get("k", k -> "v" + version.incrementAndGet())).isEqualTo("v1");
            clock.advance(Duration.ofSeconds(4));
            assertThat(cache.get("k", k -> "v" + version.incrementAndGet())).isEqualTo("v1");
            assertThat(version).hasValue(1);
            clock.advance(Duration.ofSeconds(2));
            // Past the refresh point: this read still answers from L1, and (direct executor) reloads.
            assertThat(cache.get("k", k -> "v" + version.incrementAndGet())).isEqualTo("v1");
            assertThat(version).hasValue(2);
            assertThat(cache.getIfPresent("k")).isEqualTo("v2");
            clock.advance(Duration.ofSeconds(9));
            assertThat(cache.getIfPresent("k")).isEqualTo("v2");
        }
    }
}
