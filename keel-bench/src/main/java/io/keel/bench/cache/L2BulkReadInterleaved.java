package io.keel.bench.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

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
 * A paired companion to {@link L2BulkReadBenchmark}: raw Lettuce {@code MGET} of 100 keys and Keel's {@code getAll}
 * of the same keys (L1 off) alternate in short rounds in one JVM, so both see the same Redis and the same
 * background load; the verdict is the median of the per-pair ratios. Same setup as the JMH benchmark (256-byte
 * values, one caller thread). Run: {@code java -cp ... io.keel.bench.cache.L2BulkReadInterleaved [pairs]}.
 */
public final class L2BulkReadInterleaved {

    private static final int BATCH = 100;
    private static final long ROUND_NANOS = 250_000_000L;

    private L2BulkReadInterleaved() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String namespace = "keelbench-" + UUID.randomUUID();
        RedisSecondLevel level = RedisSecondLevel.connect(RedisBench.URL, namespace, Duration.ofSeconds(2));
        TieredCache<String, byte[]> keel = TieredCache.create(CacheConfig.builder(Codecs.bytes()).l1Disabled()
                .secondLevel(level).writeBehind(false).l2Timeout(Duration.ofSeconds(2)).build());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            keys.add("item:" + i);
            keel.put(keys.get(i), new byte[256]);
        }
        String[] redisKeys = keys.stream().map(k -> namespace + ":k:" + k).toArray(String[]::new);
        RedisClient client = RedisClient.create(RedisBench.URL);
        try (StatefulRedisConnection<String, byte[]> raw = client.connect(
                RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
            RedisCommands<String, byte[]> redis = raw.sync();
            IntSupplier mget = () -> {
                List<KeyValue<String, byte[]>> rows = redis.mget(redisKeys);
                return rows.size();
            };
            IntSupplier getAll = () -> {
                Map<String, byte[]> found = keel.getAll(keys);
                if (found.size() != BATCH) {
                    throw new IllegalStateException("expected " + BATCH + " values, got " + found.size());
                }
                return found.size();
            };
            double[] ratios = new double[pairs];
            double mgetTotal = 0;
            double keelTotal = 0;
            for (int r = -8; r < pairs; r++) {
                // alternate which side goes first, so neither always follows the other
                boolean mgetFirst = (r & 1) == 0;
                double m1 = mgetFirst ? round(mget) : 0;
                double k = round(getAll);
                double m = mgetFirst ? m1 : round(mget);
                if (r >= 0) {
                    ratios[r] = k / m;
                    mgetTotal += m;
                    keelTotal += k;
                }
            }
            Arrays.sort(ratios);
            System.out.printf("L2 bulk reads, %d keys per call, %d pairs of %d ms rounds:%n", BATCH, pairs,
                    ROUND_NANOS / 1_000_000);
            System.out.printf("  Lettuce MGET %,.0f keys/s, Keel getAll %,.0f keys/s (means)%n",
                    mgetTotal / pairs * BATCH, keelTotal / pairs * BATCH);
            System.out.printf("  Keel/MGET per-pair ratio: median %.3f (p10 %.3f, p25 %.3f, p75 %.3f, p90 %.3f)%n",
                    ratios[pairs / 2], ratios[pairs / 10], ratios[pairs / 4], ratios[3 * pairs / 4],
                    ratios[9 * pairs / 10]);
        } finally {
            keel.close();
            level.close();
            client.shutdown();
            RedisBench.purge(namespace);
        }
    }

    /** Calls back to back for one round; returns calls per second. */
    private static double round(IntSupplier call) {
        long start = System.nanoTime();
        long end = start + ROUND_NANOS;
        long calls = 0;
        do {
            call.getAsInt();
            calls++;
        } while (System.nanoTime() < end);
        return calls * 1e9 / (System.nanoTime() - start);
    }
}
