package io.keel.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Many threads on two nodes put, read, load and invalidate a few hot keys at once. Afterwards the tiers must
 * agree: each node's L1 holds either nothing or exactly what L2 holds (never a value L2 refused or dropped).
 */
class ConvergenceStressTest {

    private static final int THREADS = 6;
    private static final int OPS = 3_000;
    private static final int KEYS = 8;

    @Test
    void concurrentWritesAndInvalidationsLeaveBothNodesAgreeingWithL2() throws Exception {
        InMemorySecondLevel l2 = new InMemorySecondLevel();
        List<TieredCache<String, String>> nodes = List.of(node("a", l2), node("b", l2));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < OPS; i++) {
                        TieredCache<String, String> node = nodes.get(random.nextInt(2));
                        String key = "k" + random.nextInt(KEYS);
                        switch (random.nextInt(6)) {
                            case 0 -> node.put(key, "put-" + thread + "-" + i);
                            case 1 -> node.invalidate(key);
                            case 2 -> node.get(key, k -> "load-" + thread);
                            case 3 -> node.invalidatePattern("k[0-3]");
                            default -> node.getIfPresent(key);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
            for (int k = 0; k < KEYS; k++) {
                String key = "k" + k;
                L2Entry stored = l2.get(key).join();
                String inL2 = stored == null ? null : new String(stored.value());
                for (TieredCache<String, String> node : nodes) {
                    if (node.temperatureOf(key) != null) {
                        assertThat(node.getIfPresent(key)).as("L1 of a node for %s", key).isEqualTo(inL2);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            nodes.forEach(TieredCache::close);
        }
    }

    private static TieredCache<String, String> node(String id, SecondLevel l2) {
        return TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId(id).secondLevel(l2)
                .writeBehind(false).build());
    }
}
