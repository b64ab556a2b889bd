package io.keel.server.http;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.keel.server.json.Json;
import io.keel.server.operations.SubmitRequest;

/**
 * Reads a submit body strictly: JSON object, known fields only, each of the right type and range. Every
 * refusal names the field, e.g. {@code priority: must be within 0..9, was 42}.
 */
final class SubmitBodyParser {

    static final int MAX_KEY_LENGTH = 200;
    private static final Set<String> FIELDS = Set.of("agent", "input", "priority", "timeoutMs", "cache",
            "idempotencyKey");

    private final long maxTimeoutMs;

    SubmitBodyParser(long maxTimeoutMs) {
        this.maxTimeoutMs = maxTimeoutMs;
    }

    SubmitRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON,
                    "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "body could not be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "body is empty; expected a JSON object");
        }
        if (!root.isObject()) {
            throw new ProblemException(ProblemType.INVALID_FIELD,
                    "body: must be a JSON object, was " + root.getNodeType());
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw ProblemException.invalidField(name, "unknown field; accepted: " + FIELDS);
            }
        });
        JsonNode agent = root.get("agent");
        if (agent == null || agent.isNull()) {
            throw ProblemException.invalidField("agent", "is required");
        }
        if (!agent.isTextual() || agent.asText().isBlank()) {
            throw ProblemException.invalidField("agent", "must be a non-empty string, was " + agent);
        }
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) {
            input = Json.MAPPER.createObjectNode();
        }
        int priority = (int) integer(root, "priority", 5, 0, 9);
        Long timeoutMs = root.hasNonNull("timeoutMs") ? integer(root, "timeoutMs", 0, 1, maxTimeoutMs) : null;
        Boolean cache = null;
        JsonNode cacheNode = root.get("cache");
        if (cacheNode != null && !cacheNode.isNull()) {
            if (!cacheNode.isBoolean()) {
                throw ProblemException.invalidField("cache", "must be true or false, was " + cacheNode);
            }
            cache = cacheNode.booleanValue();
        }
        String key = null;
        JsonNode keyNode = root.get("idempotencyKey");
        if (keyNode != null && !keyNode.isNull()) {
            if (!keyNode.isTextual() || keyNode.asText().isEmpty() || keyNode.asText().length() > MAX_KEY_LENGTH) {
                throw ProblemException.invalidField("idempotencyKey",
                        "must be a string of 1.." + MAX_KEY_LENGTH + " characters, was " + abbreviate(keyNode));
            }
            key = keyNode.asText();
        }
        return new SubmitRequest(agent.asText(), input, Json.text(input), body.length, priority, timeoutMs, key,
                cache);
    }

    private static long integer(JsonNode root, String field, long fallback, long min, long max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ProblemException.invalidField(field, "must be an integer within " + min + ".." + max
                    + ", was " + abbreviate(node));
        }
        long value = node.asLong();
        if (value < min || value > max) {
            throw ProblemException.invalidField(field, "must be within " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
