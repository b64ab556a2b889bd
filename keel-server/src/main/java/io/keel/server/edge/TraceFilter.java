package io.keel.server.edge;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The outermost edge filter: continues or starts the W3C trace, answers with {@code traceparent}, makes the
 * request visible through {@link EdgeContext} while it is handled, and writes the access log line when done.
 */
public final class TraceFilter implements Filter {

    public static final String TRACEPARENT = "traceparent";
    private static final HeaderName TRACEPARENT_HEADER = HeaderNames.create(TRACEPARENT);

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (AuthFilter.isOpen(req.path().path())) {
            // Probes and scrapers arrive every few seconds from every orchestrator: tracing and logging each one
            // would flood the access log and cost the health path most of its throughput.
            chain.proceed();
            return;
        }
        long start = System.nanoTime();
        TraceParent trace = TraceParent.continueOrStart(req.headers().first(TRACEPARENT_HEADER).orElse(null));
        String method = req.prologue().method().text();
        String path = req.path().path();
        EdgeContext.set(new EdgeContext.Request(trace, method, path, sortedQuery(req.query().rawValue()),
                req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(null),
                req.headers().first(HeaderNames.ACCEPT_ENCODING).orElse(null), null, null));
        res.header(TRACEPARENT_HEADER, trace.header());
        try {
            chain.proceed();
        } finally {
            EdgeContext.Request done = EdgeContext.current();
            EdgeContext.clear();
            AccessLog.log(method, path, res.status().code(), System.nanoTime() - start, res.bytesWritten(),
                    Clients.address(req.remotePeer().address()), done == null ? null : done.keyName(),
                    trace.traceId());
        }
    }

    static String sortedQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String[] parts = raw.split("&");
        java.util.Arrays.sort(parts);
        return String.join("&", parts);
    }
}
