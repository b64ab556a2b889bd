package io.keel.server.http;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * One Bucket4j token bucket per client (API.md, Rate limits): {@code rate} tokens a second, up to
 * {@code burst} at once. The buckets live in a Caffeine cache bounded in size and idle time, so a flood of
 * distinct clients cannot grow memory without bound; an evicted client simply starts with a full bucket.
 */
public final class ClientRateLimiter implements io.keel.server.edge.RateLimiter {

    static final int MAX_CLIENTS = 100_000;

    private final long rate;
    private final long burst;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    public ClientRateLimiter(long rate, long burst, TimeMeter time) {
        if (rate < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1, were " + rate + " and " + burst);
        }
        this.rate = rate;
        this.burst = burst;
        this.time = time;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_CLIENTS)
                .expireAfterAccess(Duration.ofMinutes(5))
                .build();
    }

    @Override
    public long limit() {
        return burst;
    }

    @Override
    public ConsumptionProbe tryConsume(String client) {
        return buckets.get(client, this::newBucket).tryConsumeAndReturnRemaining(1);
    }

    private Bucket newBucket(String client) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(time)
                .build();
    }
}
