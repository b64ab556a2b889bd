package io.keel.bench.cache;

import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.keel.cache.CacheConfig;
import io.keel.cache.KeyCodec;
import io.keel.cache.TieredCache;

/**
 * A paired companion to {@link L1HitBenchmark} for a machine whose load drifts: Caffeine and Keel run in short
 * alternating rounds (2 threads each) in one JVM, so both see the same background noise, and the ratio is the
 * median of per-round ratios. Not JMH (no forks, no blackholes: results are summed into a sink), so absolute
 * numbers are indicative; the ratio is the point. Run: {@code java -cp ... io.keel.bench.cache.L1HitInterleaved}.
 */
public final class L1HitInterleaved {

    private static final int UNIVERSE = 1 << 14;
    private static final int TRACE = 1 << 20;
    private static final int ROUNDS = 30;
    private static final long ROUND_NANOS = 200_000_000L;
    private static volatile long sink;

    private L1HitInterleaved() {
    }

    public static void main(String[] args) throws Exception {
        Integer[] boxed = new Integer[UNIVERSE];
        for (int i = 0; i < UNIVERSE; i++) {
            boxed[i] = i;
        }
        Cache<Integer, Integer> caffeine = Caffeine.newBuilder().maximumSize(2L * UNIVERSE).build();
        TieredCache<Integer, Integer> keel = TieredCache.create(CacheConfig.builder(
                KeyCodec.of(String::valueOf, Integer::valueOf), L1HitBenchmark.intCodec())
                .l1MaxEntries(2L * UNIVERSE).build());
        // Diagnostics: what Keel's L1 adds, piece by piece (stats on; a holder object around the value).
        Cache<Integer, Integer> withStats = Caffeine.newBuilder().maximumSize(2L * UNIVERSE).recordStats().build();
        Cache<Integer, Object[]> holders = Caffeine.newBuilder().maximumSize(2L * UNIVERSE).recordStats().build();
        for (int i = 0; i < UNIVERSE; i++) {
            caffeine.put(boxed[i], i);
            keel.put(boxed[i], i);
            withStats.put(boxed[i], i);
            holders.put(boxed[i], new Object[] {boxed[i]});
        }
        for (String distribution : new String[] {"uniform", "zipf"}) {
            int[] keys = distribution.equals("zipf") ? Keys.zipf(UNIVERSE, 0.99, TRACE, 42)
                    : Keys.uniform(UNIVERSE, TRACE, 42);
            double[] ratios = new double[ROUNDS];
            double[] statsRatios = new double[ROUNDS];
            double[] holderRatios = new double[ROUNDS];
            double caffeineTotal = 0;
            double keelTotal = 0;
            for (int r = -5; r < ROUNDS; r++) {
                double c = round(i -> caffeine.getIfPresent(boxed[keys[i]]));
                double k = round(i -> keel.getIfPresent(boxed[keys[i]]));
                double st = round(i -> withStats.getIfPresent(boxed[keys[i]]));
                double h = round(i -> {
                    Object[] holder = holders.getIfPresent(boxed[keys[i]]);
                    return holder == null ? null : (Integer) holder[0];
                });
                if (r >= 0) {
                    statsRatios[r] = st / c;
                    holderRatios[r] = h / c;
                    ratios[r] = k / c;
                    caffeineTotal += c;
                    keelTotal += k;
                }
            }
            Arrays.sort(ratios);
            Arrays.sort(statsRatios);
            Arrays.sort(holderRatios);
            System.out.printf("%s diagnostics (median / Caffeine): Caffeine+stats %.2f, Caffeine+stats+holder %.2f%n",
                    distribution, statsRatios[ROUNDS / 2], holderRatios[ROUNDS / 2]);
            System.out.printf("%s: Caffeine %.1f M/s, Keel %.1f M/s (means over %d rounds); Keel/Caffeine median %.2f "
                            + "(p25 %.2f, p75 %.2f)%n", distribution, caffeineTotal / ROUNDS / 1e6,
                    keelTotal / ROUNDS / 1e6, ROUNDS, ratios[ROUNDS / 2], ratios[ROUNDS / 4], ratios[3 * ROUNDS / 4]);
        }
        keel.close();
    }

    /** Two threads read for one round; returns reads per second. */
    private static double round(IntFunction<Integer> read) throws Exception {
        LongAdder reads = new LongAdder();
        CyclicBarrier start = new CyclicBarrier(2);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int offset = t * 7919;
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    return;
                }
                long end = System.nanoTime() + ROUND_NANOS;
                long n = 0;
                long acc = 0;
                int i = offset;
                while ((n & 1023) != 0 || System.nanoTime() < end) {
                    Integer v = read.apply(i++ & (TRACE - 1));
                    acc += v == null ? 0 : v;
                    n++;
                }
                reads.add(n);
                sink += acc;
            });
            threads[t].start();
        }
        long t0 = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        return reads.sum() * 1e9 / (System.nanoTime() - t0);
    }
}
