package io.keel.bench.cache;

import java.util.Arrays;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.keel.cache.CacheConfig;
import io.keel.cache.InMemorySecondLevel;
import io.keel.cache.KeyCodec;
import io.keel.cache.TieredCache;

/**
 * Hit ratio of the TieredCache's L1 against Caffeine alone at the same size, on a Zipf(0.99) trace and on a
 * scan-polluted one (Zipf with bursts of one-off keys); and the L1+L2 combined hit ratio with an in-memory L2.
 * A simulation, not a JMH benchmark: both caches run single-threaded with same-thread maintenance, so results are
 * deterministic. Run: {@code java -cp ... io.keel.bench.cache.HitRatioSimulation}.
 */
public final class HitRatioSimulation {

    private static final int UNIVERSE = 100_000;
    private static final int REQUESTS = 1_000_000;

    private HitRatioSimulation() {
    }

    public static void main(String[] args) {
        int[] zipf = Keys.zipf(UNIVERSE, 0.99, REQUESTS, 7);
        int[] polluted = scanPolluted(zipf);
        System.out.println("| trace | L1 size | Caffeine | Keel L1 | Keel L1+L2 |");
        System.out.println("|---|---|---|---|---|");
        for (int size : new int[] {1_000, 10_000}) {
            report("zipf(0.99)", zipf, size);
            report("zipf + scans", polluted, size);
        }
    }

    /** Every 10,000 requests, a scan of 2,000 keys never seen before is spliced in. */
    static int[] scanPolluted(int[] base) {
        int[] out = new int[base.length + base.length / 10_000 * 2_000];
        int o = 0;
        int fresh = UNIVERSE;
        for (int i = 0; i < base.length; i++) {
            out[o++] = base[i];
            if ((i + 1) % 10_000 == 0) {
                for (int s = 0; s < 2_000; s++) {
                    out[o++] = fresh++;
                }
            }
        }
        return Arrays.copyOf(out, o);
    }

    private static void report(String trace, int[] keys, int size) {
        double caffeine = caffeine(keys, size);
        double[] keel = keel(keys, size);
        System.out.printf("| %s | %,d | %.4f | %.4f | %.4f |%n", trace, size, caffeine, keel[0], keel[1]);
    }

    private static double caffeine(int[] keys, int size) {
        Cache<Integer, Integer> cache = Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
        long hits = 0;
        for (int key : keys) {
            if (cache.getIfPresent(key) != null) {
                hits++;
            } else {
                cache.put(key, key);
            }
        }
        return (double) hits / keys.length;
    }

    /** [L1 hit ratio, combined L1+L2 hit ratio]. */
    private static double[] keel(int[] keys, int size) {
        CacheConfig<Integer, Integer> config = CacheConfig.builder(
                        KeyCodec.of(String::valueOf, Integer::valueOf), L1HitBenchmark.intCodec())
                .l1MaxEntries(size).executor(Runnable::run).secondLevel(new InMemorySecondLevel())
                .writeBehind(false).countL1Hits(true).build();
        long[] loads = {0};
        try (TieredCache<Integer, Integer> cache = TieredCache.create(config)) {
            for (int key : keys) {
                cache.get(key, k -> {
                    loads[0]++;
                    return k;
                });
            }
            double l1 = cache.stats().l1().hitRate();
            double combined = 1.0 - (double) loads[0] / keys.length;
            return new double[] {l1, combined};
        }
    }

}
