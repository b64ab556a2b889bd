package io.keel.server.http;

import java.time.Duration;

import io.github.bucket4j.ConsumptionProbe;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.keel.server.edge.Clients;
import io.keel.server.edge.EdgeContext;
import io.keel.server.edge.RateLimiter;

/**
 * Applies the per-client rate limit to {@code /api/v1/*} (health, metrics, the dashboard are exempt) and
 * reports it in {@code RateLimit-Limit/-Remaining/-Reset} headers; over the limit answers 429 with
 * {@code Retry-After}. The client is the API key's name when keys are on (so one key's limit holds whatever
 * addresses it comes from), else the peer address; it runs after the auth filter, which names the key.
 */
final class RateLimitFilter implements Filter {

    static final String LIMITED_PREFIX = "/api/v1/";
    // Made once: a header set by its String name is looked up (lower-cased, hashed) on every request.
    private static final HeaderName LIMIT = HeaderNames.create("RateLimit-Limit");
    private static final HeaderName REMAINING = HeaderNames.create("RateLimit-Remaining");
    private static final HeaderName RESET = HeaderNames.create("RateLimit-Reset");

    private final RateLimiter limiter;
    private final String limitText;

    RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
        this.limitText = Long.toString(limiter.limit());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.path().path().startsWith(LIMITED_PREFIX)) {
            chain.proceed();
            return;
        }
        ConsumptionProbe probe = limiter.tryConsume(client(req));
        res.header(LIMIT, limitText);
        res.header(REMAINING, Long.toString(probe.getRemainingTokens()));
        res.header(RESET, Long.toString(ceilSeconds(probe.getNanosToWaitForReset())));
        if (probe.isConsumed()) {
            chain.proceed();
            return;
        }
        Duration retryAfter = Duration.ofNanos(probe.getNanosToWaitForRefill());
        Problems.send(res, ProblemType.RATE_LIMITED, "rate limit of " + limiter.limit()
                + " requests per client exceeded; retry after " + Problems.retryAfterSeconds(retryAfter) + " s",
                retryAfter);
    }

    private static String client(RoutingRequest req) {
        EdgeContext.Request edge = EdgeContext.current();
        if (edge != null && edge.keyName() != null) {
            return "key:" + edge.keyName();
        }
        return "ip:" + Clients.address(req.remotePeer().address());
    }

    private static long ceilSeconds(long nanos) {
        return (Math.max(0, nanos) + 999_999_999L) / 1_000_000_000L;
    }
}
