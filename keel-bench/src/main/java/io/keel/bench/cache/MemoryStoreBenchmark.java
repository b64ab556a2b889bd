package io.keel.bench.cache;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.keel.cache.CacheConfig;
import io.keel.cache.CacheStats;
import io.keel.cache.Codecs;
import io.keel.cache.TieredCache;
import io.keel.cache.redis.RedisSecondLevel;

/**
 * G2's memory store rates through the tiered cache: reads served by L1, writes stored in L1 and sent to Redis
 * behind the caller (write-behind). Goal: ≥ 500,000 reads/s and ≥ 100,000 writes/s. The teardown prints how many
 * L2 commands failed and whether the breaker tripped, because write-behind faster than Redis can absorb shows up
 * there, not in the put rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(5)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class MemoryStoreBenchmark {

    private static final int KEYS = 10_000;

    private String namespace;
    private RedisSecondLevel level;
    private TieredCache<String, byte[]> store;
    private String[] names;
    private byte[] value;

    @State(Scope.Thread)
    public static class Cursor {
        int index = (int) (Thread.currentThread().threadId() * 7919);
    }

    @Setup(Level.Trial)
    public void setUp() {
        namespace = "keelbench-" + UUID.randomUUID();
        level = RedisSecondLevel.connect(RedisBench.URL, namespace, Duration.ofSeconds(1));
        store = TieredCache.create(CacheConfig.builder(Codecs.bytes()).l1MaxEntries(100_000).secondLevel(level)
                .l2Timeout(Duration.ofSeconds(1)).build());
        names = new String[KEYS];
        value = new byte[64];
        for (int i = 0; i < KEYS; i++) {
            names[i] = "agent:memory:" + i;
            store.putAsync(names[i], value, null, null).join();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        CacheStats stats = store.stats();
        System.out.printf("%n[memory store] l2Errors=%d breakerSwitches=%d l2Available=%s%n",
                stats.l2Errors(), stats.breakerSwitches(), stats.l2Available());
        store.close();
        level.close();
        RedisBench.purge(namespace);
    }

    @Benchmark
    public byte[] read(Cursor cursor) {
        return store.getIfPresent(names[Math.floorMod(cursor.index++, KEYS)]);
    }

    @Benchmark
    public void write(Cursor cursor) {
        store.put(names[Math.floorMod(cursor.index++, KEYS)], value);
    }
}
