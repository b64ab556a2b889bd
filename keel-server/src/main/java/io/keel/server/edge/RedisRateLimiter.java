package io.keel.server.edge;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;

/**
 * Rate limits shared by every node that uses the same Redis (KEEL_REDIS_URL): one Bucket4j bucket per client
 * under {@code <prefix>rl:<client>}, updated by Bucket4j's compare-and-swap over one Lettuce connection
 * (thread-safe, pipelined). Keys expire once their bucket would be full again, so idle clients cost nothing.
 */
public final class RedisRateLimiter implements RateLimiter {

    private final long burst;
    private final String prefix;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final LettuceBasedProxyManager<byte[]> buckets;
    private final BucketConfiguration configuration;

    public RedisRateLimiter(String redisUrl, String prefix, long rate, long burst) {
        this(redisUrl, prefix, rate, Duration.ofSeconds(1), burst);
    }

    /** {@code rate} tokens every {@code period}: tests use a refill slow enough that timing cannot matter. */
    public RedisRateLimiter(String redisUrl, String prefix, long rate, Duration period, long burst) {
        if (rate < 1 || burst < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("rate and burst must be at least 1, were " + rate + " and " + burst);
        }
        this.burst = burst;
        this.prefix = prefix;
        this.client = RedisClient.create(redisUrl);
        try {
            this.connection = client.connect(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate, period).build())
                .build();
    }

    @Override
    public long limit() {
        return burst;
    }

    @Override
    public ConsumptionProbe tryConsume(String clientId) {
        byte[] key = (prefix + "rl:" + clientId).getBytes(StandardCharsets.UTF_8);
        return buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
