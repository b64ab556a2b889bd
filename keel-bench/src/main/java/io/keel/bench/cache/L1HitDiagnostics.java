package io.keel.bench.cache;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.keel.cache.CacheConfig;
import io.keel.cache.KeyCodec;
import io.keel.cache.TieredCache;

/**
 * Where an L1 hit's time goes: raw Caffeine with each of the options Keel's L1 turns on (stats, custom ticker and
 * executor), the value behind a holder, a mirror of Keel's L1 (same Caffeine options, an entry with Keel's fields and
 * its capped read count), the same read path in an ordinary object, and Keel itself, so a gap between
 * {@link L1HitBenchmark}'s two sides can be attributed. Diagnostic only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class L1HitDiagnostics {

    private static final int UNIVERSE = 1 << 14;
    private static final int TRACE = 1 << 20;
    private static final int MASK = TRACE - 1;

    @Param({"uniform", "zipf"})
    public String distribution;

    private int[] keys;
    private Integer[] boxed;
    private Cache<Integer, Integer> plain;
    private Cache<Integer, Integer> stats;
    private Cache<Integer, Integer> statsTickerExecutor;
    private Cache<Integer, Holder> statsWrapped;
    private Cache<Integer, Mirror> mirror;
    private TieredCache<Integer, Integer> keel;
    private MirrorCache mirrorCache;
    private io.keel.cache.internal.DefaultTieredCache<Integer, Integer> keelConcrete;
    private volatile int epoch;

    /** Keel's read path, field for field, in an ordinary (unpadded) object of its own. */
    static final class MirrorCache {
        final Cache<Integer, Mirror> l1;
        final long readCap = 32;
        final boolean refreshAhead = false;
        final Object prefetcher = null;
        final java.util.concurrent.atomic.LongAdder negativeHits = new java.util.concurrent.atomic.LongAdder();
        volatile int epoch;

        MirrorCache(Cache<Integer, Mirror> l1) {
            this.l1 = l1;
        }

        Integer getIfPresent(Integer key) {
            if (l1 != null) {
                Mirror e = l1.getIfPresent(key);
                if (e != null) {
                    return hit(e);
                }
            }
            return null;
        }

        private Integer hit(Mirror e) {
            e.touch(epoch, readCap);
            if (refreshAhead && prefetcher != null) {
                throw new IllegalStateException();
            }
            if (e.value == null) {
                negativeHits.increment();
            }
            return e.value;
        }
    }

    /** The value one dereference away, as Keel keeps it. */
    static final class Holder {
        final Integer value;

        Holder(Integer value) {
            this.value = value;
        }
    }

    /** Keel's entry, field for field, with its capped read count. */
    static final class Mirror {
        private static final long COUNT_MASK = (1L << 40) - 1;
        final Integer value;
        final long version = 1;
        final java.util.Set<String> tags = java.util.Set.of();
        final long expiresAt = Long.MAX_VALUE;
        final long refreshAt = Long.MAX_VALUE;
        final int weight = 1;
        long reads;
        volatile int refreshing;

        Mirror(Integer value) {
            this.value = value;
        }

        void touch(int epoch, long cap) {
            long s = reads;
            if ((int) (s >>> 40) == epoch && (s & COUNT_MASK) >= cap) {
                return;
            }
            reads = ((long) epoch << 40) | Math.min((s & COUNT_MASK) + 1, COUNT_MASK);
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int index = (int) (Thread.currentThread().threadId() * 7919);
    }

    @Setup(Level.Trial)
    public void setUp() {
        keys = distribution.equals("zipf") ? Keys.zipf(UNIVERSE, 0.99, TRACE, 42) : Keys.uniform(UNIVERSE, TRACE, 42);
        boxed = new Integer[UNIVERSE];
        for (int i = 0; i < UNIVERSE; i++) {
            boxed[i] = i;
        }
        plain = Caffeine.newBuilder().maximumSize(2L * UNIVERSE).build();
        stats = Caffeine.newBuilder().maximumSize(2L * UNIVERSE).recordStats().build();
        java.util.function.LongSupplier ticker = System::nanoTime;
        statsTickerExecutor = Caffeine.newBuilder().maximumSize(2L * UNIVERSE).recordStats()
                .executor(ForkJoinPool.commonPool()).ticker(ticker::getAsLong).build();
        statsWrapped = Caffeine.newBuilder().maximumSize(2L * UNIVERSE).recordStats().build();
        mirror = Caffeine.newBuilder().recordStats().executor(ForkJoinPool.commonPool())
                .ticker(ticker::getAsLong).maximumSize(2L * UNIVERSE).build();
        mirrorCache = new MirrorCache(Caffeine.newBuilder().recordStats().executor(ForkJoinPool.commonPool())
                .ticker(ticker::getAsLong).maximumSize(2L * UNIVERSE).build());
        keel = TieredCache.create(CacheConfig.builder(KeyCodec.of(String::valueOf, Integer::valueOf),
                L1HitBenchmark.intCodec()).l1MaxEntries(2L * UNIVERSE).build());
        keelConcrete = (io.keel.cache.internal.DefaultTieredCache<Integer, Integer>) TieredCache.create(
                CacheConfig.builder(KeyCodec.of(String::valueOf, Integer::valueOf), L1HitBenchmark.intCodec())
                        .l1MaxEntries(2L * UNIVERSE).build());
        for (int i = 0; i < UNIVERSE; i++) {
            keelConcrete.put(boxed[i], i);
            statsWrapped.put(boxed[i], new Holder(i));
            mirror.put(boxed[i], new Mirror(i));
            mirrorCache.l1.put(boxed[i], new Mirror(i));
            keel.put(boxed[i], i);
            plain.put(boxed[i], i);
            stats.put(boxed[i], i);
            statsTickerExecutor.put(boxed[i], i);
        }
    }

    @Benchmark
    public Integer plain(Cursor cursor) {
        return plain.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
    }

    @Benchmark
    public Integer stats(Cursor cursor) {
        return stats.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        keel.close();
    }

    @Benchmark
    public Integer statsWrapped(Cursor cursor) {
        Holder h = statsWrapped.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
        return h == null ? null : h.value;
    }

    @Benchmark
    public Integer mirror(Cursor cursor) {
        Mirror m = mirror.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
        if (m == null) {
            return null;
        }
        m.touch(epoch, 32);
        return m.value;
    }

    @Benchmark
    public Integer keelConcrete(Cursor cursor) {
        return keelConcrete.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
    }

    @Benchmark
    public Integer mirrorCache(Cursor cursor) {
        return mirrorCache.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
    }

    @Benchmark
    public Integer keel(Cursor cursor) {
        return keel.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
    }

    @Benchmark
    public Integer statsTickerExecutor(Cursor cursor) {
        return statsTickerExecutor.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
    }
}
