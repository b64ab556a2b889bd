package io.keel.server.edge;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;

/**
 * The shared rate limit as one atomic Redis script per request: the token bucket (greedy refill, as
 * Bucket4j's) is read, refilled by Redis's own clock, taken from and written back inside Redis, so concurrent
 * nodes never retry. It replaces Bucket4j's compare-and-swap Lettuce backend ({@link RedisRateLimiter}) on
 * the request path because that one retries under contention: 400 concurrent calls on one hot key took 15 s
 * with CAS and well under one with the script on this machine (docs/benchmarks/edge.md).
 *
 * <p>Thread-safe: one Lettuce connection (thread-safe, pipelined) and immutable state. The answer is a
 * Bucket4j {@link ConsumptionProbe}, so the HTTP filter is the same for every backend.
 */
public final class ScriptedRedisRateLimiter implements RateLimiter {

    // KEYS[1] bucket; ARGV capacity, tokens per period, period in µs. Returns allowed, remaining, wait µs, reset µs.
    static final String SCRIPT = """
            local capacity = tonumber(ARGV[1])
            local refill = tonumber(ARGV[2])
            local period = tonumber(ARGV[3])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil or ts == nil then
              tokens = capacity
              ts = now
            end
            if now > ts then
              tokens = math.min(capacity, tokens + (now - ts) * refill / period)
              ts = now
            end
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            end
            local reset = math.ceil((capacity - tokens) * period / refill)
            local wait = 0
            if allowed == 0 then
              wait = math.ceil((1 - tokens) * period / refill)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
            redis.call('PEXPIRE', KEYS[1], math.ceil(reset / 1000) + 1000)
            return {allowed, math.floor(tokens), wait, reset}
            """;

    private final long rate;
    private final long periodMicros;
    private final long burst;
    private final String prefix;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final String sha;
    // The script's arguments never change: encoded once, not on every request. Lettuce only reads them.
    private final byte[][] arguments;

    /** Commands that take longer fail, and the caller limits locally meanwhile ({@link FallbackRateLimiter}). */
    public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(250);

    public ScriptedRedisRateLimiter(String redisUrl, String prefix, long rate, Duration period, long burst) {
        this(redisUrl, prefix, rate, period, burst, COMMAND_TIMEOUT);
    }

    public ScriptedRedisRateLimiter(String redisUrl, String prefix, long rate, Duration period, long burst,
                                    Duration commandTimeout) {
        if (rate < 1 || burst < 1 || period.toNanos() < 1000) {
            throw new IllegalArgumentException("rate and burst must be at least 1 and period at least 1 µs, were "
                    + rate + ", " + burst + " and " + period);
        }
        this.rate = rate;
        this.periodMicros = period.toNanos() / 1000;
        this.burst = burst;
        this.prefix = prefix;
        this.arguments = new byte[][] {bytes(burst), bytes(rate), bytes(periodMicros)};
        this.client = RedisClient.create(redisUrl);
        // A request waits for its limit: while Redis is away, fail at once (not queue until reconnected), and
        // never wait longer than the command timeout (Lettuce's default is a minute).
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        try {
            this.connection = client.connect(ByteArrayCodec.INSTANCE);
            this.sha = connection.sync().scriptLoad(SCRIPT.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    @Override
    public long limit() {
        return burst;
    }

    @Override
    public ConsumptionProbe tryConsume(String clientId) {
        byte[][] keys = {(prefix + "rl:" + clientId).getBytes(StandardCharsets.UTF_8)};
        List<Long> answer;
        try {
            answer = connection.sync().evalsha(sha, ScriptOutputType.MULTI, keys, arguments);
        } catch (io.lettuce.core.RedisNoScriptException e) {
            // Redis restarted or its script cache was flushed: EVAL loads it again
            answer = connection.sync().eval(SCRIPT.getBytes(StandardCharsets.UTF_8), ScriptOutputType.MULTI, keys, arguments);
        }
        long remaining = answer.get(1);
        long resetNanos = answer.get(3) * 1000;
        return answer.get(0) == 1
                ? ConsumptionProbe.consumed(remaining, resetNanos)
                : ConsumptionProbe.rejected(remaining, answer.get(2) * 1000, resetNanos);
    }

    private static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
