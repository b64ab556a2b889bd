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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Where an L1 hit's time goes: raw Caffeine with each of the options Keel's L1 turns on (stats, custom ticker and
 * executor), so a gap between {@link L1HitBenchmark}'s two sides can be attributed. Diagnostic only.
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
        for (int i = 0; i < UNIVERSE; i++) {
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

    @Benchmark
    public Integer statsTickerExecutor(Cursor cursor) {
        return statsTickerExecutor.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
    }
}
