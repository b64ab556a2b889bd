package io.keel.bench.cache;

import java.time.Duration;
import java.util.UUID;

import org.HdrHistogram.Histogram;

import io.keel.cache.CacheConfig;
import io.keel.cache.Codecs;
import io.keel.cache.TieredCache;
import io.keel.cache.redis.RedisSecondLevel;

/**
 * How long an invalidation on node A takes to leave node B's L1 over Redis pub/sub: from A's {@code invalidate}
 * call until B's L1 no longer holds the key (B spins on a quiet L1 probe). Prints percentiles in microseconds.
 * Run: {@code java -cp ... io.keel.bench.cache.InvalidationDelayProbe [rounds]}.
 */
public final class InvalidationDelayProbe {

    private InvalidationDelayProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        String namespace = "keelbench-" + UUID.randomUUID();
        Histogram delays = new Histogram(3);
        try (RedisSecondLevel redisA = RedisSecondLevel.connect(RedisBench.URL, namespace, Duration.ofSeconds(1));
             RedisSecondLevel redisB = RedisSecondLevel.connect(RedisBench.URL, namespace, Duration.ofSeconds(1));
             TieredCache<String, String> a = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("a")
                     .secondLevel(redisA).writeBehind(false).build());
             TieredCache<String, String> b = TieredCache.create(CacheConfig.builder(Codecs.utf8()).nodeId("b")
                     .secondLevel(redisB).build())) {
            for (int i = 0; i < rounds; i++) {
                String key = "k" + (i % 100);
                a.put(key, "v" + i);
                // Wait until B sees this round's value (its older copy was dropped by the put's announcement).
                while (!("v" + i).equals(b.getIfPresent(key))) {
                    Thread.onSpinWait();
                }
                long start = System.nanoTime();
                a.invalidate(key);
                while (b.temperatureOf(key) != null) {
                    Thread.onSpinWait();
                }
                if (i >= rounds / 10) {
                    delays.recordValue((System.nanoTime() - start) / 1_000);
                }
            }
        } finally {
            RedisBench.purge(namespace);
        }
        System.out.printf("invalidation A→B L1 (µs, includes A's tombstone write): p50=%d p90=%d p99=%d max=%d n=%d%n",
                delays.getValueAtPercentile(50), delays.getValueAtPercentile(90),
                delays.getValueAtPercentile(99), delays.getMaxValue(), delays.getTotalCount());
    }
}
