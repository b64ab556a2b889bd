package io.keel.server.edge;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Answers cacheable GETs from the {@link ResponseCache} (after auth and the rate limit, so a hit is still
 * authorised and counted) and drops entries when a write reaches their path. The cache is made visible to
 * {@link Representations} for the request's duration (one virtual thread per request), which offers it the
 * answers it sends; one cache per server, so two servers in one JVM never share entries.
 */
public final class ResponseCacheFilter implements Filter {

    private static final ThreadLocal<ResponseCache> ACTIVE = new ThreadLocal<>();
    private static final HeaderName CACHE_HEADER = HeaderNames.create("X-Keel-Cache");

    private final ResponseCache cache;

    public ResponseCacheFilter(ResponseCache cache) {
        this.cache = cache;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        EdgeContext.Request edge = EdgeContext.current();
        if (edge == null || AuthFilter.isOpen(edge.path())) {
            chain.proceed();
            return;
        }
        boolean write = !edge.method().equals("GET") && !edge.method().equals("HEAD");
        if (write) {
            cache.writeTo(edge.path());
        } else {
            ResponseCache.Entry hit = cache.find(edge);
            if (hit != null) {
                res.header(CACHE_HEADER, "hit");
                Representations.send(res, Status.OK_200, hit.contentType(), hit.body());
                return;
            }
        }
        ACTIVE.set(cache);
        try {
            chain.proceed();
        } finally {
            ACTIVE.remove();
            if (write) {
                cache.writeTo(edge.path());
            }
        }
    }

    static void offer(EdgeContext.Request req, String contentType, byte[] body) {
        ResponseCache cache = ACTIVE.get();
        if (cache != null) {
            cache.offer(req, contentType, body);
        }
    }
}
