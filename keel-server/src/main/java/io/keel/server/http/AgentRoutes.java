package io.keel.server.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.keel.governor.AgentSpec;
import io.keel.governor.AgentStats;
import io.keel.governor.Governor;
import io.keel.server.agents.AgentRegistry;
import io.keel.server.agents.BuiltInAgent;

/** API.md, Agents: list and one; registering agents answers 501 until the scale issue brings it. */
final class AgentRoutes {

    static final String BASE = "/api/v1/agents";

    private final AgentRegistry agents;
    private final Governor governor;

    AgentRoutes(AgentRegistry agents, Governor governor) {
        this.agents = agents;
        this.governor = governor;
    }

    void register(HttpRouting.Builder routing) {
        routing.get(BASE, (req, res) -> {
            Map<String, AgentStats> stats = governor.stats().perAgent();
            List<Map<String, Object>> items = new ArrayList<>();
            for (BuiltInAgent agent : agents.all()) {
                items.add(json(agent.spec(), stats.get(agent.name())));
            }
            JsonResponses.send(res, Map.of("items", items));
        }).post(BASE, (req, res) -> {
            io.keel.server.agents.AgentExtension extension = agents.extension();
            if (extension == null) {
                throw new ProblemException(ProblemType.NOT_IMPLEMENTED,
                        "registering agents needs the scale feature; built-in agents: echo, sleep, cpu, fail");
            }
            String name = extension.register(object(BoundedBody.read(req, 64 * 1024)));
            BuiltInAgent agent = agents.find(name).orElseThrow();
            res.header(io.helidon.http.HeaderNames.LOCATION, BASE + "/" + name);
            JsonResponses.send(res, io.helidon.http.Status.CREATED_201,
                    json(agent.spec(), governor.stats().perAgent().get(name)));
        }).any(BASE, ErrorHandling.methodNotAllowed(Method.GET, Method.POST))
                .get(BASE + "/{name}", (req, res) -> {
                    String name = req.path().pathParameters().get("name");
                    BuiltInAgent agent = agents.find(name).orElseThrow(() ->
                            new ProblemException(ProblemType.UNKNOWN_AGENT, "name: no agent '" + name + "'"));
                    JsonResponses.send(res, json(agent.spec(), governor.stats().perAgent().get(name)));
                })
                .any(BASE + "/{name}", ErrorHandling.methodNotAllowed(Method.GET));
    }

    private static com.fasterxml.jackson.databind.JsonNode object(byte[] body) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = io.keel.server.json.Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "body is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "body must be a JSON object");
        }
        return root;
    }

    private Map<String, Object> json(AgentSpec spec, AgentStats stats) {
        int maxConcurrency = stats != null ? stats.maxConcurrency()
                : spec.maxConcurrency() > 0 ? spec.maxConcurrency() : governor.limits().maxConcurrencyPerAgent();
        Map<String, Object> retry = new LinkedHashMap<>();
        retry.put("maxAttempts", spec.retry().maxAttempts());
        retry.put("initialBackoffMs", spec.retry().initialBackoff().toMillis());
        retry.put("maxBackoffMs", spec.retry().maxBackoff().toMillis());
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("maxConcurrency", maxConcurrency);
        policy.put("retry", retry);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", spec.name());
        json.put("kind", spec.kind().name());
        json.put("instances", 1);
        json.put("busy", stats == null ? 0 : stats.running());
        json.put("queued", stats == null ? 0 : stats.queued());
        json.put("completed", stats == null ? 0 : stats.completed());
        json.put("builtIn", agents.isBuiltIn(spec.name()));
        json.put("policy", policy);
        io.keel.server.agents.AgentExtension extension = agents.extension();
        if (extension != null) {
            extension.describe(spec.name()).forEach((key, value) -> {
                if (key.equals("policy") && value instanceof Map<?, ?> extra) {
                    extra.forEach((k, v) -> policy.put(String.valueOf(k), v));
                } else {
                    json.put(key, value);
                }
            });
        }
        return json;
    }
}
