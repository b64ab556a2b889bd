package io.keel.server.edge;

import java.time.Duration;

import io.github.bucket4j.TimeMeter;
import io.helidon.webserver.WebServerConfig;
import io.keel.server.config.KeelConfig;
import io.keel.server.http.ClientRateLimiter;
import io.lettuce.core.RedisConnectionException;

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
    /** Redis keys of the shared rate limits start with this. */
    public static final String REDIS_PREFIX = "keel:edge:";

    private EdgeSetup() {
    }

    /** Null when KEEL_RATE_LIMIT is 0 (off). */
    public static RateLimiter rateLimiter(KeelConfig config) {
        if (config.rateLimit() == 0) {
            return null;
        }
        if (config.redisUrl() != null) {
            try {
                return new ScriptedRedisRateLimiter(config.redisUrl(), REDIS_PREFIX, config.rateLimit(),
                        Duration.ofSeconds(1), config.rateBurst());
            } catch (RedisConnectionException e) {
                // Redis down must not keep a node from starting (API.md): limits then hold per node only.
                System.getLogger(EdgeSetup.class.getName()).log(System.Logger.Level.WARNING,
                        "rate limits: Redis does not answer ({0}); limiting per node until restart", e.getMessage());
            }
        }
        return new ClientRateLimiter(config.rateLimit(), config.rateBurst(), TimeMeter.SYSTEM_NANOTIME);
    }

    public static WebServerConfig.Builder connectionLimits(WebServerConfig.Builder builder) {
        return builder
                .connectionOptions(options -> options.readTimeout(READ_TIMEOUT))
                .idleConnectionTimeout(IDLE_CONNECTION_TIMEOUT)
                .idleConnectionPeriod(IDLE_CONNECTION_PERIOD)
                .maxConcurrentRequests(MAX_CONCURRENT_REQUESTS);
    }
}
