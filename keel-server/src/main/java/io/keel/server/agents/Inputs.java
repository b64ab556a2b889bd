package io.keel.server.agents;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads typed fields of an agent's input, refusing wrong types and ranges with the field's name. */
final class Inputs {

    private Inputs() {
    }

    static JsonNode requireObject(JsonNode input) {
        if (!input.isObject()) {
            throw new InvalidInputException("input", "must be a JSON object, was " + input.getNodeType());
        }
        return input;
    }

    static long longField(JsonNode input, String name, long fallback, long min, long max) {
        JsonNode node = input.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidInputException("input." + name, "must be an integer, was " + node);
        }
        long value = node.asLong();
        if (value < min || value > max) {
            throw new InvalidInputException("input." + name,
                    "must be within " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    static String textField(JsonNode input, String name, String fallback, int maxLength) {
        JsonNode node = input.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw new InvalidInputException("input." + name, "must be a string, was " + node);
        }
        if (node.asText().length() > maxLength) {
            throw new InvalidInputException("input." + name, "must be at most " + maxLength + " characters");
        }
        return node.asText();
    }

    static void onlyFields(JsonNode input, String... allowed) {
        java.util.Set<String> known = java.util.Set.of(allowed);
        input.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new InvalidInputException("input." + name, "unknown field; accepted: " + known);
            }
        });
    }
}
