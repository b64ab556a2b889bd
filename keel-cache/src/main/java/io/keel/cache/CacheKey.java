package io.keel.cache;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Canonical string keys built from arguments: equal arguments give equal keys whatever the map order, and parts
 * are escaped so that {@code ("a:b","c")} and {@code ("a","b:c")} differ.
 */
public final class CacheKey {

    private CacheKey() {
    }

    /** {@code name:part1:part2...}, parts canonicalised (maps sorted by key, arrays and lists in order). */
    public static String of(String name, Object... parts) {
        StringBuilder out = new StringBuilder(escape(name));
        for (Object part : parts) {
            out.append(':');
            canonical(part, out);
        }
        return out.toString();
    }

    /** A key function for {@link TieredCache#wrap}: the argument (an array is spread) under the function's name. */
    public static Function<Object, String> function(String name) {
        return argument -> argument instanceof Object[] array ? of(name, array) : of(name, argument);
    }

    /** The key of a cached analysis result (C2): type, solver, target, then the sorted parameters. */
    public static String analysis(String analysisType, String solver, String target, Map<String, ?> parameters) {
        return of("analysis", analysisType, solver, target, parameters);
    }

    /**
     * The key of an operation result: {@code op:<agent>:<input as canonical JSON>} (object fields sorted, no
     * whitespace), so equal inputs written in any field order share one entry and {@code op:<agent>:*} matches
     * every result of one agent.
     */
    public static String operation(String agent, JsonNode input) {
        StringBuilder out = new StringBuilder("op:").append(escape(agent)).append(':');
        canonicalJson(input, out);
        return out.toString();
    }

    private static void canonicalJson(JsonNode node, StringBuilder out) {
        if (node == null || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            out.append('{');
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(TextNode.valueOf(e.getKey()).toString()).append(':');
                canonicalJson(e.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonicalJson(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static void canonical(Object part, StringBuilder out) {
        switch (part) {
            case null -> out.append("~");
            case Map<?, ?> map -> {
                out.append('{');
                TreeMap<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                boolean first = true;
                for (Map.Entry<String, Object> e : sorted.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append(escape(e.getKey())).append('=');
                    canonical(e.getValue(), out);
                }
                out.append('}');
            }
            case Collection<?> list -> list(list.toArray(), out);
            case Object[] array -> list(array, out);
            case int[] array -> out.append(Arrays.toString(array));
            case long[] array -> out.append(Arrays.toString(array));
            case double[] array -> out.append(Arrays.toString(array));
            default -> out.append(escape(String.valueOf(part)));
        }
    }

    private static void list(Object[] items, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            canonical(items[i], out);
        }
        out.append(']');
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (":{}[],=~\\*?".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
