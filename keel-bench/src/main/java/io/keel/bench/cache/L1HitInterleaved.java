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
 * numbers are indicative; the ratio is the point. The two sides swap order every round, so neither always runs
 * right after the other (JIT, GC and frequency drift would otherwise favour one). Run:
 * {@code java -cp ... io.keel.bench.cache.L1HitInterleaved [rounds]}; {@code keel-bench/scripts/cache-l1-hit.sh}
 * runs it in five JVMs beside the five-fork JMH run.
 */
public final class L1HitInterleaved {

    private static final int UNIVERSE = 1 << 14;
    private static final int TRACE = 1 << 20;
    private static int rounds = 30;
    private static final long ROUND_NANOS = 200_000_000L;
    private static volatile long sink;

    private L1HitInterleaved() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            rounds = Integer.parseInt(args[0]);
        }
        Integer[] boxed = new Integer[UNIVERSE];
        for (int i = 0; i < UNIVERSE; i++) {
            boxed[i] = i;
        }
        Cache<Integer, Integer> caffeine = Caffeine.newBuilder().maximumSize(2L * UNIVERSE).build();
        TieredCache<Integer, Integer> keel = TieredCache.create(CacheConfig.builder(
                KeyCodec.of(String::valueOf, Integer::valueOf), L1HitBenchmark.intCodec())
                .l1MaxEntries(2L * UNIVERSE).build());
        // Diagnostic: Caffeine with stats on, as Keel's L1 needs them for its per-tier hit rates.
        Cache<Integer, Integer> withStats = Caffeine.newBuilder().maximumSize(2L * UNIVERSE).recordStats().build();
        for (int i = 0; i < UNIVERSE; i++) {
            caffeine.put(boxed[i], i);
            keel.put(boxed[i], i);
            withStats.put(boxed[i], i);
        }
        for (String distribution : new String[] {"uniform", "zipf"}) {
            int[] keys = distribution.equals("zipf") ? Keys.zipf(UNIVERSE, 0.99, TRACE, 42)
                    : Keys.uniform(UNIVERSE, TRACE, 42);
            double[] ratios = new double[rounds];
            double[] statsRatios = new double[rounds];
            double caffeineTotal = 0;
            double keelTotal = 0;
            for (int r = -5; r < rounds; r++) {
                boolean caffeineFirst = (r & 1) == 0;
                double c0 = caffeineFirst ? round(i -> caffeine.getIfPresent(boxed[keys[i]])) : 0;
                double k = round(i -> keel.getIfPresent(boxed[keys[i]]));
                double c = caffeineFirst ? c0 : round(i -> caffeine.getIfPresent(boxed[keys[i]]));
                double st = round(i -> withStats.getIfPresent(boxed[keys[i]]));
                if (r >= 0) {
                    statsRatios[r] = st / c;
                    ratios[r] = k / c;
                    caffeineTotal += c;
                    keelTotal += k;
                }
            }
            Arrays.sort(ratios);
            Arrays.sort(statsRatios);
            System.out.printf("%s diagnostic: Caffeine+stats / Caffeine median %.2f%n", distribution,
                    statsRatios[rounds / 2]);
            System.out.printf("%s: Caffeine %.1f M/s, Keel %.1f M/s (means over %d rounds); Keel/Caffeine median %.2f "
                            + "(p25 %.2f, p75 %.2f)%n", distribution, caffeineTotal / rounds / 1e6,
                    keelTotal / rounds / 1e6, rounds, ratios[rounds / 2], ratios[rounds / 4], ratios[3 * rounds / 4]);
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
