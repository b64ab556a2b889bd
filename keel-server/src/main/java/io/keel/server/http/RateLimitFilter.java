package io.keel.server.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;

import io.github.bucket4j.ConsumptionProbe;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Applies the per-client rate limit to {@code /api/v1/*} (health, metrics, the dashboard are exempt) and
 * reports it in {@code RateLimit-Limit/-Remaining/-Reset} headers; over the limit answers 429 with
 * {@code Retry-After}.
 */
final class RateLimitFilter implements Filter {

    static final String LIMITED_PREFIX = "/api/v1/";

    private final ClientRateLimiter limiter;

    RateLimitFilter(ClientRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.path().path().startsWith(LIMITED_PREFIX)) {
            chain.proceed();
            return;
        }
        ConsumptionProbe probe = limiter.tryConsume(client(req.remotePeer().address()));
        res.header("RateLimit-Limit", String.valueOf(limiter.limit()));
        res.header("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        res.header("RateLimit-Reset", String.valueOf(ceilSeconds(probe.getNanosToWaitForReset())));
        if (probe.isConsumed()) {
            chain.proceed();
            return;
        }
        Duration retryAfter = Duration.ofNanos(probe.getNanosToWaitForRefill());
        Problems.send(res, ProblemType.RATE_LIMITED, "rate limit of " + limiter.limit()
                + " requests per client exceeded; retry after " + Problems.retryAfterSeconds(retryAfter) + " s",
                retryAfter);
    }

    private static String client(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private static long ceilSeconds(long nanos) {
        return (Math.max(0, nanos) + 999_999_999L) / 1_000_000_000L;
    }
}
