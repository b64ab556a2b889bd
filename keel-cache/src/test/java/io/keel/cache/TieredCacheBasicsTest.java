package io.keel.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keel.testkit.DirectExecutor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class TieredCacheBasicsTest {

    @Test
    void theDefaultIsAnL1OnlyCache() {
        CacheConfig<String, String> config = CacheConfig.builder(Codecs.utf8()).build();
        assertThat(config.l1Enabled()).isTrue();
        assertThat(config.l2Enabled()).isFalse();
        try (TieredCache<String, String> cache = TieredCache.create(config)) {
            assertThat(cache.get("k", k -> "v")).isEqualTo("v");
            assertThat(cache.getIfPresent("k")).isEqualTo("v");
            assertThat(cache.stats().l2()).isEqualTo(TierStats.DISABLED);
        }
    }

    @Test
    void badSettingsAreRefusedQuotingTheValue() {
        assertThatThrownBy(() -> CacheConfig.builder(Codecs.utf8()).l1MaxEntries(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
        assertThatThrownBy(() -> CacheConfig.builder(Codecs.utf8()).ttlJitter(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> CacheConfig.builder(Codecs.utf8()).l1Disabled().build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CacheConfig.builder(Codecs.utf8()).refreshAhead(0.5).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ttl");
    }

    @Test
    void anL2OnlyCacheReadsThroughTheSharedLevel() {
        InMemorySecondLevel l2 = new InMemorySecondLevel();
        try (TieredCache<String, String> writer = TieredCache.create(
                CacheConfig.builder(Codecs.utf8()).l1Disabled().secondLevel(l2).writeBehind(false).build());
             TieredCache<String, String> reader = TieredCache.create(
                CacheConfig.builder(Codecs.utf8()).l1Disabled().secondLevel(l2).build())) {
            writer.put("k", "v");
            assertThat(reader.getIfPresent("k")).isEqualTo("v");
            assertThat(reader.stats().l2().hits()).isEqualTo(1);
            writer.put("k2", "v2");
            writer.put("gone", "old");
            writer.invalidate("gone");
            assertThat(reader.getAll(List.of("k", "k2", "gone", "never"))).containsExactly(
                    Map.entry("k", "v"), Map.entry("k2", "v2"));
            assertThat(reader.stats().l2().hits()).isEqualTo(3);
            assertThat(reader.stats().l2().misses()).isEqualTo(2);
        }
    }

    @Test
    void getAllServesL1AndFetchesTheRestFromL2InOneBulkRead() {
        InMemorySecondLevel shared = new InMemorySecondLevel();
        AtomicInteger bulkReads = new AtomicInteger();
        SecondLevel counting = new FaultySecondLevel(shared) {
            @Override
            public java.util.concurrent.CompletableFuture<Map<String, L2Entry>> getAll(
                    java.util.Collection<String> keys) {
                bulkReads.incrementAndGet();
                return super.getAll(keys);
            }
        };
        try (TieredCache<String, String> a = TieredCache.create(
                CacheConfig.builder(Codecs.utf8()).nodeId("a").secondLevel(counting).writeBehind(false).build());
             TieredCache<String, String> b = TieredCache.create(
                CacheConfig.builder(Codecs.utf8()).nodeId("b").secondLevel(counting).build())) {
            for (int i = 0; i < 10; i++) {
                a.put("k" + i, "v" + i);
            }
            b.getIfPresent("k0");
            Map<String, String> all = b.getAll(List.of("k0", "k1", "k5", "k9", "missing"));
            assertThat(all).containsOnly(Map.entry("k0", "v0"), Map.entry("k1", "v1"), Map.entry("k5", "v5"),
                    Map.entry("k9", "v9"));
            assertThat(bulkReads).hasValue(1);
            assertThat(b.getIfPresent("k5")).isEqualTo("v5");
            assertThat(b.getAllAsync(List.of("k1", "k2")).join()).containsOnlyKeys("k1", "k2");
        }
    }

    @Test
    void theAsyncReadThroughRunsTheLoaderOnTheCacheExecutor() {
        DirectExecutor executor = new DirectExecutor();
        try (TieredCache<String, String> cache = TieredCache.create(
                CacheConfig.builder(Codecs.utf8()).executor(executor).build())) {
            assertThat(cache.getAsync("k", k -> "v").join()).isEqualTo("v");
            assertThat(executor.executedCount()).isPositive();
            assertThat(cache.getAsync("k", k -> "other").join()).isEqualTo("v");
        }
    }

    @Test
    void aWrappedFunctionComputesOncePerDistinctArgument() {
        AtomicInteger calls = new AtomicInteger();
        Function<Object, String> analysisKey = CacheKey.function("analyse");
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8()).build())) {
            Function<Integer, String> square = cache.wrap(analysisKey, n -> {
                calls.incrementAndGet();
                return Integer.toString(n * n);
            });
            assertThat(square.apply(12)).isEqualTo("144");
            assertThat(square.apply(12)).isEqualTo("144");
            assertThat(square.apply(13)).isEqualTo("169");
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void analysisKeysAreCanonicalWhateverTheParameterOrder() {
        Map<String, Object> p1 = new java.util.LinkedHashMap<>();
        p1.put("depth", 3);
        p1.put("mode", "fast");
        Map<String, Object> p2 = new java.util.LinkedHashMap<>();
        p2.put("mode", "fast");
        p2.put("depth", 3);
        String k1 = CacheKey.analysis("static", "z3", "repo:main", p1);
        assertThat(k1).isEqualTo(CacheKey.analysis("static", "z3", "repo:main", p2));
        assertThat(k1).isEqualTo("analysis:static:z3:repo\\:main:{depth=3,mode=fast}");
        assertThat(CacheKey.of("f", "a:b", "c")).isNotEqualTo(CacheKey.of("f", "a", "b:c"));
    }

    @Test
    void operationKeysAreTheAgentAndTheCanonicalInput() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String k1 = CacheKey.operation("cpu", mapper.readTree("{\"n\": 30, \"mode\": {\"b\": [1, 2], \"a\": null}}"));
        String k2 = CacheKey.operation("cpu", mapper.readTree("{\"mode\":{\"a\":null,\"b\":[1,2]},\"n\":30}"));
        assertThat(k1).isEqualTo(k2).isEqualTo("op:cpu:{\"mode\":{\"a\":null,\"b\":[1,2]},\"n\":30}");
        assertThat(Glob.matches("op:cpu:*", k1)).isTrue();
    }

    @Test
    void jsonValuesRoundTripThroughL2() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        InMemorySecondLevel l2 = new InMemorySecondLevel();
        JsonNode result = mapper.readTree("{\"answer\":42,\"items\":[1,2]}");
        try (TieredCache<String, JsonNode> a = TieredCache.create(CacheConfig.builder(Codecs.jsonTree())
                .nodeId("a").secondLevel(l2).writeBehind(false).build());
             TieredCache<String, JsonNode> b = TieredCache.create(CacheConfig.builder(Codecs.jsonTree())
                .nodeId("b").secondLevel(l2).build())) {
            a.put("op:cpu:{}", result);
            assertThat(b.getIfPresent("op:cpu:{}")).isEqualTo(result);
        }
    }

    @Test
    void l1IsBoundedByBytesAndByEntriesAndResizable() {
        try (TieredCache<String, byte[]> cache = TieredCache.create(CacheConfig.builder(Codecs.bytes())
                .l1MaxBytes(100_000).l1MaxEntries(50).executor(new DirectExecutor()).build())) {
            for (int i = 0; i < 200; i++) {
                cache.put("small" + i, new byte[10]);
            }
            cache.maintain();
            assertThat(cache.stats().l1().entries()).isLessThanOrEqualTo(50);
            for (int i = 0; i < 50; i++) {
                cache.put("big" + i, new byte[10_000]);
            }
            cache.maintain();
            assertThat(cache.stats().l1().sizeBytes()).isLessThanOrEqualTo(100_000);
            assertThat(cache.stats().l1().evictions()).isPositive();
            cache.resizeL1(20_000);
            cache.maintain();
            assertThat(cache.stats().l1().sizeBytes()).isLessThanOrEqualTo(20_000);
        }
    }

    @Test
    void statsAreExportedThroughMicrometer() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                .name("results").countL1Hits(true).secondLevel(new InMemorySecondLevel()).build())) {
            cache.bindTo(registry);
            cache.get("k", k -> "v");
            cache.getIfPresent("k");
            cache.getIfPresent("k");
            assertThat(registry.get("keel.cache.hits").tags("cache", "results", "tier", "l1").functionCounter()
                    .count()).isEqualTo(2);
            assertThat(registry.get("keel.cache.misses").tags("tier", "l2").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("keel.cache.keys").tags("class", "warm").gauge().value()).isEqualTo(1);
            assertThat(registry.get("keel.cache.l2.available").gauge().value()).isEqualTo(1);
        }
    }

    @Test
    void l1HitsAreCountedOnlyWhenAskedWhileEverythingElseIsAlwaysCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger loads = new AtomicInteger();
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                .name("quiet").secondLevel(new InMemorySecondLevel()).build())) {
            cache.bindTo(registry);
            assertThat(cache.get("k", k -> "v" + loads.incrementAndGet())).isEqualTo("v1");
            for (int i = 0; i < 3; i++) {
                assertThat(cache.getIfPresent("k")).isEqualTo("v1");
            }
            assertThat(cache.getIfPresent("absent")).isNull();

            TierStats l1 = cache.stats().l1();
            assertThat(l1.hits()).isEqualTo(-1);
            assertThat(l1.hitRate()).isNaN();
            assertThat(l1.misses()).isEqualTo(2);
            assertThat(l1.loads()).isEqualTo(1);
            assertThat(cache.stats().l2().misses()).isEqualTo(2);
            assertThat(cache.stats().temperatures().warm()).isEqualTo(1);
            assertThat(registry.find("keel.cache.hits").tags("cache", "quiet", "tier", "l1").functionCounter())
                    .isNull();
            assertThat(registry.get("keel.cache.hits").tags("cache", "quiet", "tier", "l2").functionCounter()
                    .count()).isZero();
            assertThat(registry.get("keel.cache.misses").tags("cache", "quiet", "tier", "l1").functionCounter()
                    .count()).isEqualTo(2);
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void explicitTagsOverrideTheTagger() {
        try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                .tagger((k, v) -> Set.of("auto")).build())) {
            cache.put("a", "1");
            cache.put("b", "2", null, Set.of("manual"));
            assertThat(cache.invalidateTag("auto")).isEqualTo(1);
            assertThat(cache.getIfPresent("b")).isEqualTo("2");
            assertThatThrownBy(() -> cache.put("c", "3", Duration.ofSeconds(1), null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aWriteThatFailsOnL2KeepsItsL1EntryWhileTheBreakerIsStillClosed() {
        FaultySecondLevel l2 = new FaultySecondLevel(new InMemorySecondLevel());
        l2.down(true);
        for (boolean writeBehind : new boolean[] {true, false}) {
            try (TieredCache<String, String> cache = TieredCache.create(CacheConfig.builder(Codecs.utf8())
                    .secondLevel(l2).writeBehind(writeBehind).breaker(1_000, java.time.Duration.ofMinutes(1))
                    .build())) {
                cache.put("k", "v");
                cache.flush();
                // A failure is not a refusal: nothing says L2 holds anything newer, so the value stays served.
                assertThat(cache.getIfPresent("k")).as("write-behind " + writeBehind).isEqualTo("v");
                assertThat(cache.stats().l2Available()).isTrue();
            }
        }
    }
}
