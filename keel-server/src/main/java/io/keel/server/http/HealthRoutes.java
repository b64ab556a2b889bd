package io.keel.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.keel.governor.Governor;
import io.keel.governor.GovernorStats;
import io.keel.server.json.Json;

/**
 * API.md, Start: {@code /health/live} (the process is up), {@code /health/ready} (the database answers and
 * the server is not shutting down) and {@code /health} (components). Exempt from rate limits.
 */
final class HealthRoutes {

    private final ServerState state;
    private final BooleanSupplier databaseUp;
    private final Governor governor;

    HealthRoutes(ServerState state, BooleanSupplier databaseUp, Governor governor) {
        this.state = state;
        this.databaseUp = databaseUp;
        this.governor = governor;
    }

    void register(HttpRouting.Builder routing) {
        byte[] up = Json.bytes(Map.of("status", "UP"));
        routing.get("/health/live", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, JsonResponses.APPLICATION_JSON);
                    res.send(up);
                })
                .get("/health/ready", (req, res) -> {
                    if (state.isShuttingDown()) {
                        Problems.send(res, ProblemType.SHUTTING_DOWN, "the server is shutting down",
                                ErrorHandling.DEFAULT_RETRY_AFTER);
                    } else if (!databaseUp.getAsBoolean()) {
                        Problems.send(res, ProblemType.UNAVAILABLE, "the records database does not answer",
                                ErrorHandling.DEFAULT_RETRY_AFTER);
                    } else {
                        JsonResponses.send(res, Map.of("status", "UP"));
                    }
                })
                .get("/health", (req, res) -> {
                    boolean database = databaseUp.getAsBoolean();
                    boolean shutting = state.isShuttingDown();
                    Map<String, Object> components = new LinkedHashMap<>();
                    components.put("database", Map.of("status", database ? "UP" : "DOWN"));
                    Map<String, Object> governorJson = new LinkedHashMap<>();
                    GovernorStats stats = governor.stats();
                    governorJson.put("status", governor.isShutdown() ? "DOWN" : "UP");
                    governorJson.put("running", stats.running());
                    governorJson.put("queued", stats.queued());
                    governorJson.put("reservedBytes", stats.reservedBytes());
                    components.put("governor", governorJson);
                    components.put("server", Map.of("status", shutting ? "SHUTTING_DOWN" : "UP"));
                    String status = !database || shutting ? "DOWN" : "UP";
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", status);
                    body.put("components", components);
                    JsonResponses.send(res, "DOWN".equals(status) ? Status.SERVICE_UNAVAILABLE_503 : Status.OK_200, body);
                });
    }
}
