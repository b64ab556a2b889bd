package io.keel.server.http;

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

    RequestMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            Timer.builder("keel.http.server.requests")
                    .description("HTTP requests the server answered")
                    .tag("method", req.prologue().method().text())
                    .tag("status", String.valueOf(res.status().code()))
                    .tag("route", req.matchingPattern().orElse("unmatched"))
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
