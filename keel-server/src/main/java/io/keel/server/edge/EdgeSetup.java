package io.keel.server.edge;

import java.time.Duration;

import io.github.bucket4j.TimeMeter;
import io.helidon.webserver.WebServerConfig;
import io.keel.server.config.KeelConfig;
import io.keel.server.http.ClientRateLimiter;

/**
 * How the edge is made from the configuration: the rate limiter (shared through Redis when KEEL_REDIS_URL is
 * set, in-process otherwise) and the connection limits that keep slow or idle clients from holding threads and
 * memory. See docs/benchmarks/edge.md for the numbers and why.
 */
public final class EdgeSetup {

    /** A socket that sends nothing for this long while a request is read is closed (slowloris bodies). */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** A keep-alive connection with no request for this long is closed (Helidon's default is 5 min). */
    public static final Duration IDLE_CONNECTION_TIMEOUT = Duration.ofSeconds(60);
    /** How often idle connections are looked for. */
    public static final Duration IDLE_CONNECTION_PERIOD = Duration.ofSeconds(15);
    /** Requests handled at once per listener; beyond it Helidon answers 503 rather than queueing memory. */
    public static final int MAX_CONCURRENT_REQUESTS = 4096;
    /** While Redis is away, how often the shared rate limit is tried again. */
    public static final Duration REDIS_RETRY = Duration.ofSeconds(5);
    /** Redis keys of the shared rate limits start with this. */
    public static final String REDIS_PREFIX = "keel:edge:";

    private EdgeSetup() {
    }

    /** Null when KEEL_RATE_LIMIT is 0 (off). */
    public static RateLimiter rateLimiter(KeelConfig config) {
        if (config.rateLimit() == 0) {
            return null;
        }
        ClientRateLimiter local = new ClientRateLimiter(config.rateLimit(), config.rateBurst(),
                TimeMeter.SYSTEM_NANOTIME);
        if (config.redisUrl() == null) {
            return local;
        }
        // Redis down must neither keep a node from starting nor fail its requests (API.md): the node limits
        // alone while Redis is away, and shares the limit again once it answers.
        String url = config.redisUrl();
        return new FallbackRateLimiter(() -> new ScriptedRedisRateLimiter(url, REDIS_PREFIX, config.rateLimit(),
                Duration.ofSeconds(1), config.rateBurst()), local, System::nanoTime, REDIS_RETRY);
    }

    public static WebServerConfig.Builder connectionLimits(WebServerConfig.Builder builder) {
        return builder
                .connectionOptions(options -> options.readTimeout(READ_TIMEOUT))
                .idleConnectionTimeout(IDLE_CONNECTION_TIMEOUT)
                .idleConnectionPeriod(IDLE_CONNECTION_PERIOD)
                .maxConcurrentRequests(MAX_CONCURRENT_REQUESTS);
    }
}
