package io.keel.bench.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

import io.keel.cache.CacheConfig;
import io.keel.cache.Codecs;
import io.keel.cache.TieredCache;
import io.keel.cache.redis.RedisSecondLevel;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * {@code getAll} of 100 keys through a TieredCache with L1 off (so every key goes to Redis) against a raw Lettuce
 * {@code MGET} of the same 100 Redis keys, in the same run. Keys/s = ops/s × 100. Goal: Keel ≥ 80% of raw MGET.
 * Needs Redis on 127.0.0.1:6379 (or -Dkeel.bench.redis=redis://...).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(5)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class L2BulkReadBenchmark {

    private static final int BATCH = 100;

    private String namespace;
    private RedisSecondLevel level;
    private TieredCache<String, byte[]> keel;
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> raw;
    private RedisCommands<String, byte[]> redis;
    private List<String> keys;
    private String[] redisKeys;

    @Setup(Level.Trial)
    public void setUp() {
        namespace = "keelbench-" + UUID.randomUUID();
        level = RedisSecondLevel.connect(RedisBench.URL, namespace, Duration.ofSeconds(2));
        keel = TieredCache.create(CacheConfig.builder(Codecs.bytes()).l1Disabled().secondLevel(level)
                .writeBehind(false).l2Timeout(Duration.ofSeconds(2)).build());
        keys = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String key = "item:" + i;
            keys.add(key);
            keel.put(key, new byte[256]);
        }
        redisKeys = keys.stream().map(k -> namespace + ":k:" + k).toArray(String[]::new);
        client = RedisClient.create(RedisBench.URL);
        raw = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        redis = raw.sync();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        keel.close();
        level.close();
        raw.close();
        client.shutdown();
        RedisBench.purge(namespace);
    }

    @Benchmark
    public List<KeyValue<String, byte[]>> lettuceMget() {
        return redis.mget(redisKeys);
    }

    @Benchmark
    public Map<String, byte[]> keelGetAll() {
        Map<String, byte[]> found = keel.getAll(keys);
        if (found.size() != BATCH) {
            throw new IllegalStateException("expected " + BATCH + " values, got " + found.size());
        }
        return found;
    }
}
