package io.keel.server.scale;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.scale.BalancerStrategy;
import io.keel.server.http.ProblemException;
import io.keel.server.http.ProblemType;

/**
 * A validated {@code POST /api/v1/agents} body for remote HTTP instances:
 * {@code {"name","endpoints":[...],"minInstances","maxInstances","maxConcurrency","strategy"}}.
 */
record RemoteAgentRequest(String name, List<URI> endpoints, int minInstances, int maxInstances, int maxConcurrency,
                          BalancerStrategy strategy) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final int MAX_ENDPOINTS = 256;

    static RemoteAgentRequest parse(JsonNode body) {
        if (body.has("template")) {
            throw new ProblemException(ProblemType.NOT_IMPLEMENTED,
                    "template: agent templates arrive later; register remote instances with \"endpoints\"");
        }
        JsonNode nameNode = body.get("name");
        if (nameNode == null || !nameNode.isTextual() || !NAME.matcher(nameNode.asText()).matches()) {
            throw ProblemException.invalidField("name", "must be lowercase letters, digits and '-', "
                    + "starting with a letter, at most 63 characters");
        }
        JsonNode list = body.get("endpoints");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_ENDPOINTS) {
            throw ProblemException.invalidField("endpoints", "must be a non-empty array of at most "
                    + MAX_ENDPOINTS + " http(s) URLs");
        }
        List<URI> endpoints = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            endpoints.add(endpoint(list.get(i), "endpoints[" + i + "]"));
        }
        if (endpoints.stream().distinct().count() != endpoints.size()) {
            throw ProblemException.invalidField("endpoints", "must not list an endpoint twice");
        }
        int min = integer(body, "minInstances", 1, 0);
        int max = integer(body, "maxInstances", Math.max(min, endpoints.size()), 1);
        if (max < min) {
            throw ProblemException.invalidField("maxInstances", "must be at least minInstances (" + min + ")");
        }
        int maxConcurrency = integer(body, "maxConcurrency", 16, 1);
        if (maxConcurrency > 10_000) {
            throw ProblemException.invalidField("maxConcurrency", "must be at most 10000");
        }
        BalancerStrategy strategy = BalancerStrategy.LEAST_CONNECTIONS;
        JsonNode s = body.get("strategy");
        if (s != null && !s.isNull()) {
            try {
                strategy = BalancerStrategy.valueOf(s.asText().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("strategy", "must be one of round-robin, least-connections, "
                        + "weighted-round-robin, resource-based, response-time");
            }
        }
        return new RemoteAgentRequest(nameNode.asText(), List.copyOf(endpoints), min, max, maxConcurrency, strategy);
    }

    private static URI endpoint(JsonNode node, String field) {
        if (node == null || !node.isTextual()) {
            throw ProblemException.invalidField(field, "must be an http(s) URL");
        }
        try {
            URI uri = new URI(node.asText());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw ProblemException.invalidField(field, "must be an absolute http(s) URL with a host");
            }
            return uri.getPath() == null || uri.getPath().isEmpty() ? uri.resolve("/") : uri;
        } catch (java.net.URISyntaxException e) {
            throw ProblemException.invalidField(field, "must be an http(s) URL");
        }
    }

    private static int integer(JsonNode body, String field, int absent, int least) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < least) {
            throw ProblemException.invalidField(field, "must be an integer of at least " + least);
        }
        return node.asInt();
    }
}
