package io.keel.server.http;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.keel.governor.Governor;
import io.keel.server.agents.AgentRegistry;
import io.keel.server.edge.ApiKeys;
import io.keel.server.edge.AuthFilter;
import io.keel.server.edge.RateLimiter;
import io.keel.server.edge.ResponseCache;
import io.keel.server.edge.ResponseCacheFilter;
import io.keel.server.edge.TraceFilter;
import io.keel.server.feature.ServerFeature;
import io.keel.server.operations.OperationEventHub;
import io.keel.server.operations.OperationService;
import io.keel.server.operations.RecordMapper;
import io.keel.server.performance.PerformanceTracker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Assembles the server's routing: edge filters (metrics, trace and access log, API keys, rate limits), the API of API.md, health, metrics,
 * OpenAPI, the dashboard, and problem+json for everything that goes wrong, unknown routes included.
 *
 * @param rateLimiter     null when rate limiting is off
 * @param apiKeys         no keys: every call is allowed (the server then binds to loopback only)
 * @param maintenanceJobs the maintenance scheduler's jobs as JSON
 */
public record KeelHttp(
        Governor governor,
        AgentRegistry agents,
        OperationService operations,
        RecordMapper mapper,
        OperationEventHub events,
        PerformanceTracker performance,
        Supplier<List<Map<String, Object>>> maintenanceJobs,
        PrometheusMeterRegistry registry,
        RateLimiter rateLimiter,
        ServerState state,
        BooleanSupplier databaseUp,
        long maxInputBytes,
        long maxTimeoutMs,
        List<ServerFeature> features,
        ApiKeys apiKeys) {

    public void configure(HttpRouting.Builder routing) {
        routing.addFilter(new RequestMetricsFilter(registry));
        // Edge order matters: the trace wraps everything (so the access log sees every answer, 401/429 too);
        // auth names the key before the rate limit buckets by it.
        // keel.edge.off=true exists only for keel-bench/scripts/edge-overhead.sh: the same routes, no edge.
        boolean edge = !Boolean.getBoolean("keel.edge.off");
        if (edge) {
            routing.addFilter(new TraceFilter());
        }
        if (edge && !apiKeys.isEmpty()) {
            routing.addFilter(new AuthFilter(apiKeys));
        }
        if (edge && rateLimiter != null) {
            routing.addFilter(new RateLimitFilter(rateLimiter));
        }
        if (edge) {
            routing.addFilter(new ResponseCacheFilter(new ResponseCache()));
        }
        ErrorHandling.install(routing);
        new HealthRoutes(state, databaseUp, governor).register(routing);
        ResourceRoutes.registerMetricsAndOpenApi(routing, registry);
        new AgentRoutes(agents, governor).register(routing);
        new OperationRoutes(operations, mapper, events, maxInputBytes, maxTimeoutMs).register(routing);
        routing.get("/api/v1/performance/summary", (req, res) -> JsonResponses.send(res, performance.summary()))
                .any("/api/v1/performance/summary", ErrorHandling.methodNotAllowed(Method.GET))
                .get("/api/v1/maintenance/jobs", (req, res) -> JsonResponses.send(res, Map.of("items", maintenanceJobs.get())))
                .any("/api/v1/maintenance/jobs", ErrorHandling.methodNotAllowed(Method.GET));
        features.forEach(feature -> feature.routes(routing));
        ResourceRoutes.registerStatic(routing);
        routing.any(ErrorHandling.notFound());
    }
}
