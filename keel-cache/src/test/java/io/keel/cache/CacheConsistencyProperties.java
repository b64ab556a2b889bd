package io.keel.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.keel.testkit.DirectExecutor;

/**
 * For any sequence of operations on one node, a read returns the latest value put since the last invalidation of
 * that key, or a value the loader produced during that very read — never an invalidated or overwritten value. L1
 * is tiny, so values also travel through eviction and L2 promotion; {@code withL2=false} checks L1 alone.
 */
class CacheConsistencyProperties {

    enum Op { PUT, GET, GET_IF_PRESENT, INVALIDATE, INVALIDATE_TAG, INVALIDATE_PATTERN, GET_ALL }

    record Step(Op op, int key) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers().between(0, 5))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void neverServesAnInvalidatedOrOverwrittenValue(@ForAll("steps") List<Step> steps, @ForAll boolean withL2) {
        CacheConfig.Builder<String, String> config = CacheConfig.builder(Codecs.utf8()).l1MaxEntries(2)
                .executor(new DirectExecutor())
                .tagger((k, v) -> Set.of(k.endsWith("1") || k.endsWith("3") ? "odd" : "even"));
        if (withL2) {
            config.secondLevel(new InMemorySecondLevel());
        }
        AtomicInteger counter = new AtomicInteger();
        Map<String, String> expected = new HashMap<>();
        try (TieredCache<String, String> cache = TieredCache.create(config.build())) {
            for (Step step : steps) {
                String key = "k" + step.key();
                switch (step.op()) {
                    case PUT -> {
                        String value = "put" + counter.incrementAndGet();
                        cache.put(key, value);
                        expected.put(key, value);
                    }
                    case GET -> {
                        String[] loaded = {null};
                        String got = cache.get(key, k -> loaded[0] = "load" + counter.incrementAndGet());
                        if (loaded[0] != null) {
                            assertThat(got).isEqualTo(loaded[0]);
                            expected.put(key, got);
                        } else {
                            assertThat(got).as("read of %s", key).isEqualTo(expected.get(key));
                        }
                    }
                    case GET_IF_PRESENT -> {
                        String got = cache.getIfPresent(key);
                        if (got != null) {
                            assertThat(got).as("read of %s", key).isEqualTo(expected.get(key));
                        }
                    }
                    case GET_ALL -> cache.getAll(List.of("k0", "k1", key)).forEach((k, v) ->
                            assertThat(v).as("bulk read of %s", k).isEqualTo(expected.get(k)));
                    case INVALIDATE -> {
                        cache.invalidate(key);
                        expected.remove(key);
                    }
                    case INVALIDATE_TAG -> {
                        String tag = step.key() % 2 == 1 && step.key() != 5 ? "odd" : "even";
                        cache.invalidateTag(tag);
                        expected.keySet().removeIf(k -> tagOf(k).equals(tag));
                    }
                    case INVALIDATE_PATTERN -> {
                        cache.invalidatePattern("k[0-" + step.key() + "]");
                        int max = step.key();
                        expected.keySet().removeIf(k -> Integer.parseInt(k.substring(1)) <= max);
                    }
                }
            }
        }
    }

    private static String tagOf(String key) {
        return key.endsWith("1") || key.endsWith("3") ? "odd" : "even";
    }
}
