package io.keel.bench.cache;

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
import io.keel.cache.Codec;
import io.keel.cache.KeyCodec;
import io.keel.cache.TieredCache;

/**
 * L1 hits of a TieredCache against raw Caffeine {@code getIfPresent} on the same keys, in the same run. Every key is
 * cached (the universe fits), so both sides measure the hit path only. Goal: Keel ≥ 50% (uniform) and ≥ 60% (Zipf)
 * of Caffeine's throughput: {@code keelGetIfPresent} (Keel's default, L1 hits not counted) against
 * {@code caffeineGetIfPresent} (Caffeine's default, no {@code recordStats()}). The pair with hit statistics on both
 * sides runs beside it: {@code keelCountedGetIfPresent} ({@code countL1Hits(true)}) against
 * {@code caffeineRecordingGetIfPresent} ({@code recordStats()}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(5)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class L1HitBenchmark {

    private static final int UNIVERSE = 1 << 14;
    private static final int TRACE = 1 << 20;
    private static final int MASK = TRACE - 1;

    @Param({"uniform", "zipf"})
    public String distribution;

    private int[] keys;
    private Integer[] boxed;
    private Cache<Integer, Integer> caffeine;
    private TieredCache<Integer, Integer> keel;

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
        caffeine = Caffeine.newBuilder().maximumSize(2L * UNIVERSE).build();
        keel = TieredCache.create(CacheConfig.builder(KeyCodec.of(String::valueOf, Integer::valueOf), intCodec())
                .l1MaxEntries(2L * UNIVERSE).build());
        for (int i = 0; i < UNIVERSE; i++) {
            caffeine.put(boxed[i], i);
            keel.put(boxed[i], i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        keel.close();
    }

    /**
     * The caches with hit statistics, each in a state of its own so that only its own forks allocate it: a third
     * cache filled in the same loop would interleave its entries with Keel's and Caffeine's in memory and slow the
     * uniform (memory-bound) runs of the other two (measured: Keel's default 0.75–0.88 of itself).
     */
    @State(Scope.Benchmark)
    public static class Counted {
        TieredCache<Integer, Integer> cache;

        @Setup(Level.Trial)
        public void setUp(L1HitBenchmark main) {
            cache = TieredCache.create(CacheConfig.builder(KeyCodec.of(String::valueOf, Integer::valueOf), intCodec())
                    .l1MaxEntries(2L * UNIVERSE).countL1Hits(true).build());
            for (int i = 0; i < UNIVERSE; i++) {
                cache.put(main.boxed[i], i);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            cache.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Recording {
        Cache<Integer, Integer> cache;

        @Setup(Level.Trial)
        public void setUp(L1HitBenchmark main) {
            cache = Caffeine.newBuilder().maximumSize(2L * UNIVERSE).recordStats().build();
            for (int i = 0; i < UNIVERSE; i++) {
                cache.put(main.boxed[i], i);
            }
        }
    }

    @Benchmark
    public Integer caffeineGetIfPresent(Cursor cursor) {
        return caffeine.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
    }

    @Benchmark
    public Integer keelGetIfPresent(Cursor cursor) {
        return keel.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
    }

    @Benchmark
    public Integer keelCountedGetIfPresent(Counted counted, Cursor cursor) {
        return counted.cache.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
    }

    @Benchmark
    public Integer caffeineRecordingGetIfPresent(Recording recording, Cursor cursor) {
        return recording.cache.getIfPresent(boxed[keys[cursor.index++ & MASK]]);
    }

    static Codec<Integer> intCodec() {
        return new Codec<>() {
            @Override
            public byte[] encode(Integer value) {
                return Integer.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            }

            @Override
            public Integer decode(byte[] bytes) {
                return Integer.valueOf(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
            }

            @Override
            public int sizeOf(Integer value) {
                return 16;
            }
        };
    }
}
