package io.keel.monitor;

import io.keel.monitor.internal.ConfigValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link AlertRule}s from configuration as a YAML or JSON parser hands it over: a list of maps.
 * <pre>
 * - name: cpu-high
 *   series: keel.system.cpu.usage
 *   tags: {}                    # optional selector
 *   comparison: above           # above | below | &gt; | &lt;
 *   threshold: 70%              # number, "70%" or "200ms" (seconds)
 *   clear: 65%                  # optional, default = threshold
 *   for: 5m                     # optional, default 0
 *   signal: last                # last | avg | drop
 *   window: 10m                 # for avg and drop
 *   n: 4                        # optional debounce: n of the last m evaluations
 *   m: 5
 *   severity: warning           # info | warning | critical
 *   description: text
 * </pre>
 * Errors name the rule and the field: {@code alert rule 'cpu-high': field 'for' must be a duration ...}.
 */
public final class AlertRules {

    private AlertRules() {
    }

    public static List<AlertRule> fromConfig(List<? extends Map<String, ?>> entries) {
        List<AlertRule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            rules.add(fromConfig(entries.get(i), i));
        }
        return List.copyOf(rules);
    }

    /** Defaults, with configured rules added and same-named defaults replaced. */
    public static List<AlertRule> defaultsWith(List<? extends Map<String, ?>> entries) {
        Map<String, AlertRule> byName = new LinkedHashMap<>();
        DefaultAlertRules.all().forEach(r -> byName.put(r.name(), r));
        fromConfig(entries).forEach(r -> byName.put(r.name(), r));
        return List.copyOf(byName.values());
    }

    static AlertRule fromConfig(Map<String, ?> map, int index) {
        Object rawName = map.get("name");
        String ctx = "alert rule " + (rawName == null ? "#" + index : "'" + rawName + "'");
        for (String key : map.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException(ctx + ": field '" + key + "' is unknown; known fields are " + KNOWN);
            }
        }
        String name = ConfigValues.text(map, "name", ctx, null);
        String series = ConfigValues.text(map, "series", ctx, null);
        Object tagsRaw = map.get("tags");
        Map<String, String> tags = new LinkedHashMap<>();
        if (tagsRaw instanceof Map<?, ?> tm) {
            tm.forEach((k, v) -> tags.put(String.valueOf(k), String.valueOf(v)));
        } else if (tagsRaw != null) {
            throw new IllegalArgumentException(ctx + ": field 'tags' must be a map, was '" + tagsRaw + "'");
        }
        Comparison cmp = ConfigValues.enumValue(map, "comparison", ctx, Comparison.class, Comparison.ABOVE);
        double threshold = ConfigValues.number(map, "threshold", ctx, null);
        double clear = ConfigValues.number(map, "clear", ctx, threshold);
        Duration forDuration = ConfigValues.duration(map, "for", ctx, Duration.ZERO);
        Signal signal = ConfigValues.enumValue(map, "signal", ctx, Signal.class, Signal.LAST);
        Duration window = ConfigValues.duration(map, "window", ctx, Duration.ZERO);
        int m = ConfigValues.integer(map, "m", ctx, 1);
        int n = ConfigValues.integer(map, "n", ctx, m);
        Severity severity = ConfigValues.enumValue(map, "severity", ctx, Severity.class, Severity.WARNING);
        String description = ConfigValues.text(map, "description", ctx, "");
        return new AlertRule(name, series, tags, signal, window, cmp, threshold, clear, forDuration, n, m,
                severity, description);
    }

    private static final List<String> KNOWN = List.of("name", "series", "tags", "comparison", "threshold", "clear",
            "for", "signal", "window", "n", "m", "severity", "description");
}
