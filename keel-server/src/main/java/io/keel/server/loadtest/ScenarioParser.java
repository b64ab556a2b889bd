package io.keel.server.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a scenario from YAML. Every validation error names the field it is about
 * (e.g. {@code requests[2].weight: must be > 0, was '0'}), so a bad file is fixed in one look.
 */
public final class ScenarioParser {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Set<String> TOP_FIELDS = Set.of("name", "requests", "rampUp", "duration", "rate", "headers");
    private static final Set<String> REQUEST_FIELDS =
            Set.of("name", "weight", "method", "path", "headers", "body", "capture");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public Scenario read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public Scenario parse(String text) {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("scenario: not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("scenario: expected a mapping with 'requests', was '" + text.strip() + "'");
        }
        unknownFields("", root, TOP_FIELDS);
        Map<String, String> defaultHeaders = stringMap("headers", root.get("headers"));
        JsonNode requestsNode = root.get("requests");
        if (requestsNode == null || !requestsNode.isArray()) {
            throw new IllegalArgumentException("requests: expected a list of requests, was '" + requestsNode + "'");
        }
        List<RequestTemplate> requests = new ArrayList<>();
        for (int i = 0; i < requestsNode.size(); i++) {
            requests.add(request("requests[" + i + "]", requestsNode.get(i), defaultHeaders));
        }
        Duration rampUp = duration("rampUp", root.get("rampUp"), Duration.ZERO);
        Duration duration = duration("duration", root.get("duration"), Duration.ofSeconds(30));
        double rate = root.has("rate") ? number("rate", root.get("rate")) : 0;
        String name = root.hasNonNull("name") ? root.get("name").asText() : "scenario";
        try {
            return new Scenario(name, requests, rampUp, duration, rate);
        } catch (IllegalArgumentException e) {
            throw e;
        }
    }

    private RequestTemplate request(String at, JsonNode node, Map<String, String> defaultHeaders) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(at + ": expected a mapping, was '" + node + "'");
        }
        unknownFields(at + ".", node, REQUEST_FIELDS);
        int weight = 1;
        if (node.has("weight")) {
            JsonNode w = node.get("weight");
            if (!w.canConvertToInt() || !w.isIntegralNumber() || w.asInt() <= 0) {
                throw new IllegalArgumentException(at + ".weight: must be an integer > 0, was '" + w.asText() + "'");
            }
            weight = w.asInt();
        }
        String method = node.hasNonNull("method") ? node.get("method").asText().toUpperCase(Locale.ROOT) : "GET";
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException(at + ".method: expected one of " + METHODS + ", was '" + method + "'");
        }
        if (!node.hasNonNull("path") || !node.get("path").asText().startsWith("/")) {
            throw new IllegalArgumentException(at + ".path: expected a path starting with '/', was '"
                    + (node.has("path") ? node.get("path").asText() : "") + "'");
        }
        Template path = template(at + ".path", node.get("path").asText());
        Map<String, Template> headers = new LinkedHashMap<>();
        defaultHeaders.forEach((k, v) -> headers.put(k, template("headers." + k, v)));
        stringMap(at + ".headers", node.get("headers")).forEach((k, v) -> headers.put(k, template(at + ".headers." + k, v)));
        Template body = null;
        if (node.hasNonNull("body")) {
            JsonNode b = node.get("body");
            body = template(at + ".body", b.isTextual() ? b.asText() : b.toString());
        }
        Map<String, String> capture = stringMap(at + ".capture", node.get("capture"));
        capture.forEach((variable, field) -> {
            if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(at + ".capture: variable names are letters, digits and _, was '"
                        + variable + "'");
            }
            if (field.isBlank()) {
                throw new IllegalArgumentException(at + ".capture." + variable + ": expected a JSON field, was ''");
            }
        });
        String name = node.hasNonNull("name") ? node.get("name").asText() : method + " " + path;
        return new RequestTemplate(name, weight, method, path, headers, body, capture);
    }

    private static void unknownFields(String at, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new IllegalArgumentException(at + field + ": unknown field (known: " + known + "), was '"
                        + node.get(field).asText() + "'");
            }
        }
    }

    private static Template template(String at, String text) {
        try {
            return Template.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> stringMap(String at, JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(at + ": expected a mapping, was '" + node.asText() + "'");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode()) {
                throw new IllegalArgumentException(at + "." + e.getKey() + ": expected a text value, was '"
                        + e.getValue() + "'");
            }
            map.put(e.getKey(), e.getValue().asText());
        });
        return map;
    }

    private static Duration duration(String at, JsonNode node, Duration fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        return Durations.parse(at, node.asText());
    }

    private static double number(String at, JsonNode node) {
        if (!node.isNumber() || node.asDouble() < 0) {
            throw new IllegalArgumentException(at + ": expected a number >= 0, was '" + node.asText() + "'");
        }
        return node.asDouble();
    }
}
