package io.keel.server.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every request into {@code keel.http.server.requests}, tagged by method, status and the route's
 * pattern (never the raw path, which would make one series per operation id).
 */
final class RequestMetricsFilter implements Filter {

    private final MeterRegistry registry;
    // Bounded by methods x statuses x route patterns; saves building a meter id on every request.
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String method, int status, String route) {
    }

    RequestMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            Key key = new Key(req.prologue().method().text(), res.status().code(),
                    req.matchingPattern().orElse("unmatched"));
            timers.computeIfAbsent(key, k -> Timer.builder("keel.http.server.requests")
                            .description("HTTP requests the server answered")
                            .tag("method", k.method())
                            .tag("status", String.valueOf(k.status()))
                            .tag("route", k.route())
                            .register(registry))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
