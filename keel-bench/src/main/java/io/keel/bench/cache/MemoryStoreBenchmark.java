package io.keel.bench.cache;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

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
import org.openjdk.jmh.infra.BenchmarkParams;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.keel.cache.CacheConfig;
import io.keel.cache.CacheStats;
import io.keel.cache.Codecs;
import io.keel.cache.TieredCache;
import io.keel.cache.redis.RedisSecondLevel;

/**
 * G2's memory store rates through the tiered cache: reads served by L1, writes stored in L1 and sent to the real
 * Redis behind the caller (coalescing write-behind), beside a bare Caffeine {@code put} of the same keys in the same
 * run. Goal: ≥ 500,000 reads/s and ≥ 100,000 writes/s.
 *
 * <p>{@code keys}: with 10,000 keys the buffer (16,384 keys) holds every key, so rewrites coalesce; with 200,000
 * keys written in rotation a key comes back only after the buffer turned over, so nothing coalesces and every
 * write must reach Redis — the put rate is then bounded by how fast keys reach Redis. For that the threads start
 * evenly spread over the keys (two threads: half the keys apart), so one thread never rewrites a key the other
 * just queued. The teardown prints the puts and how many keys reached Redis per second of the trial, L2 errors
 * and breaker switches, so a put rate that outran Redis (or writes that coalesced) would show there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(5)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MemoryStoreBenchmark {

    @Param({"10000", "200000"})
    public int keys;

    private String namespace;
    private RedisSecondLevel level;
    private Counted counted;
    private TieredCache<String, byte[]> store;
    private Cache<String, byte[]> caffeine;
    private String[] names;
    private byte[] value;
    private long started;
    private final List<Cursor> cursors = new CopyOnWriteArrayList<>();
    private final AtomicInteger placed = new AtomicInteger();

    /**
     * Each thread's place in the rotation. Thread i of n starts at i * keys / n: thread ids are neither 0, 1, ...
     * nor evenly spaced, and cursors a few thousand keys apart would rewrite keys still waiting in the buffer.
     */
    @State(Scope.Thread)
    public static class Cursor {
        int index;
        int start;

        @Setup(Level.Trial)
        public void place(MemoryStoreBenchmark bench, BenchmarkParams params) {
            // The threads set up at the same time: a slot from a counter, not from the list's size.
            int slot = bench.placed.getAndIncrement();
            bench.cursors.add(this);
            start = (int) ((long) slot * bench.keys / params.getThreads());
            index = start;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        namespace = "keelbench-" + UUID.randomUUID();
        level = RedisSecondLevel.connect(RedisBench.URL, namespace, Duration.ofSeconds(1));
        counted = new Counted(level);
        store = TieredCache.create(CacheConfig.builder(Codecs.bytes()).l1MaxEntries(300_000).secondLevel(counted)
                .l2Timeout(Duration.ofSeconds(1)).build());
        caffeine = Caffeine.newBuilder().maximumSize(300_000).build();
        names = new String[keys];
        value = new byte[64];
        for (int i = 0; i < keys; i++) {
            names[i] = "agent:memory:" + i;
            store.put(names[i], value);
            caffeine.put(names[i], value);
        }
        store.flush();
        counted.sent.reset();
        started = System.nanoTime();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        double seconds = (System.nanoTime() - started) / 1e9;
        long sent = counted.sent.sum();
        long ops = 0;
        for (Cursor c : cursors) {
            ops += c.index - c.start;
        }
        store.flush();
        CacheStats stats = store.stats();
        System.out.printf("%n[memory store keys=%d] operations: %,d = %,.0f/s; keys written to Redis: %,d in %.1f s = "
                        + "%,.0f/s (+%,d flushed at the end); l2Errors=%d breakerSwitches=%d l2Available=%s%n", keys,
                ops, ops / seconds, sent, seconds, sent / seconds, counted.sent.sum() - sent, stats.l2Errors(),
                stats.breakerSwitches(), stats.l2Available());
        store.close();
        level.close();
        RedisBench.purge(namespace);
    }

    @Benchmark
    public byte[] read(Cursor cursor) {
        return store.getIfPresent(names[Math.floorMod(cursor.index++, keys)]);
    }

    @Benchmark
    public void write(Cursor cursor) {
        store.put(names[Math.floorMod(cursor.index++, keys)], value);
    }

    @Benchmark
    public void caffeinePut(Cursor cursor) {
        caffeine.put(names[Math.floorMod(cursor.index++, keys)], value);
    }

    /** The Redis level, counting the keys its batch writes carry. */
    static final class Counted extends DelegatingSecondLevel {
        final LongAdder sent = new LongAdder();

        Counted(RedisSecondLevel real) {
            super(real);
        }

        @Override
        public CompletableFuture<List<Boolean>> putAll(List<Write> writes, String origin) {
            sent.add(writes.size());
            return super.putAll(writes, origin);
        }
    }
}
