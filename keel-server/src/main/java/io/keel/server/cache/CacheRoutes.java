package io.keel.server.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import io.keel.cache.TieredCache;
import io.keel.cache.WarmReport;
import io.keel.server.http.ErrorHandling;
import io.keel.server.http.ProblemException;
import io.keel.server.json.Json;

/**
 * The cache endpoints of API.md: {@code GET /api/v1/cache/stats}, {@code DELETE /api/v1/cache?key=|pattern=|tag=}
 * (exactly one) and {@code POST /api/v1/cache/warm}. Auth scopes arrive with the edge.
 */
final class CacheRoutes {

    static final int MAX_PARAMETER_LENGTH = 10_000;
    private static final List<String> SELECTORS = List.of("key", "pattern", "tag");

    private final TieredCache<String, JsonNode> results;
    private final boolean l2Enabled;

    CacheRoutes(TieredCache<String, JsonNode> results, boolean l2Enabled) {
        this.results = results;
        this.l2Enabled = l2Enabled;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/api/v1/cache/stats", (req, res) -> send(res, CacheStatsJson.of(results.stats(), l2Enabled)))
                .any("/api/v1/cache/stats", ErrorHandling.methodNotAllowed(Method.GET))
                .post("/api/v1/cache/warm", (req, res) -> send(res, warmed(results.warm())))
                .any("/api/v1/cache/warm", ErrorHandling.methodNotAllowed(Method.POST))
                .delete("/api/v1/cache", (req, res) -> send(res, Map.of("invalidated", invalidate(req.query()))))
                .any("/api/v1/cache", ErrorHandling.methodNotAllowed(Method.DELETE));
    }

    private long invalidate(Parameters query) {
        List<String> given = new ArrayList<>();
        for (String name : SELECTORS) {
            if (query.contains(name)) {
                given.add(name);
            }
        }
        if (given.isEmpty()) {
            throw ProblemException.invalidField("key", "give exactly one of key, pattern or tag");
        }
        if (given.size() > 1) {
            throw ProblemException.invalidField(given.get(1),
                    "give exactly one of key, pattern or tag, was " + String.join(" and ", given));
        }
        String name = given.getFirst();
        List<String> values = query.all(name);
        if (values.size() > 1) {
            throw ProblemException.invalidField(name, "given " + values.size() + " times; give it once");
        }
        String value = Optional.ofNullable(values.getFirst()).orElse("");
        if (value.isEmpty() || value.length() > MAX_PARAMETER_LENGTH) {
            throw ProblemException.invalidField(name, "must be 1.." + MAX_PARAMETER_LENGTH + " characters, was "
                    + value.length());
        }
        return switch (name) {
            case "key" -> results.invalidate(value);
            case "pattern" -> results.invalidatePattern(value);
            default -> results.invalidateTag(value);
        };
    }

    private static Map<String, Object> warmed(WarmReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("warmed", report.warmed());
        body.put("failures", report.failures());
        body.put("timedOut", report.timedOut());
        return body;
    }

    private static void send(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, Json.APPLICATION_JSON);
        res.send(Json.bytes(body));
    }
}
