package io.keel.server.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.keel.server.config.Setting;

/**
 * Reads the alert rules named by {@code KEEL_ALERT_RULES_FILE}: YAML or JSON (JSON is YAML), either a list of
 * rule maps or a mapping with an {@code alert-rules} list, the shape {@code keel-monitor}'s
 * {@code AlertRules.fromConfig} takes. keel.yaml itself only carries single values, hence a file of its own.
 */
final class AlertRulesFile {

    private static final TypeReference<List<Map<String, Object>>> RULES = new TypeReference<>() {
    };

    private AlertRulesFile() {
    }

    /** The rule maps, or an empty list for a null path. */
    static List<Map<String, Object>> read(String path) {
        if (path == null) {
            return List.of();
        }
        String source = Setting.ALERT_RULES_FILE.envName() + ": " + path;
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(source + ": no such file");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = yaml.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read alert rules: " + e.getMessage(), e);
        }
        if (root != null && root.isObject() && root.has("alert-rules")) {
            root = root.get("alert-rules");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException(source + ": expected a list of alert rules (or 'alert-rules:' with one)");
        }
        for (JsonNode rule : root) {
            if (!rule.isObject()) {
                throw new IllegalArgumentException(source + ": every alert rule must be a mapping, was " + rule);
            }
        }
        return new ArrayList<>(yaml.convertValue(root, RULES));
    }
}
