package io.keel.monitor.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads loosely typed configuration values (as YAML/JSON parsers produce them), naming the field when one is wrong. */
public final class ConfigValues {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private ConfigValues() {
    }

    public static String text(Map<String, ?> map, String field, String context, String fallback) {
        Object v = map.get(field);
        if (v == null) {
            if (fallback == null) {
                throw new IllegalArgumentException(context + ": field '" + field + "' is required");
            }
            return fallback;
        }
        return v.toString();
    }

    public static double number(Map<String, ?> map, String field, String context, Double fallback) {
        Object v = map.get(field);
        if (v == null) {
            if (fallback == null) {
                throw new IllegalArgumentException(context + ": field '" + field + "' is required");
            }
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        String s = v.toString().trim();
        try {
            if (s.endsWith("%")) {
                return Double.parseDouble(s.substring(0, s.length() - 1).trim()) / 100;
            }
            if (s.endsWith("ms")) {
                return Double.parseDouble(s.substring(0, s.length() - 2).trim()) / 1000;
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(context + ": field '" + field + "' must be a number, was '" + v + "'");
        }
    }

    public static int integer(Map<String, ?> map, String field, String context, int fallback) {
        Object v = map.get(field);
        if (v == null) {
            return fallback;
        }
        try {
            return v instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(context + ": field '" + field + "' must be an integer, was '" + v + "'");
        }
    }

    /** "30s", "5m", "250ms", "1h", "2d", ISO-8601 "PT30S", or a bare number of seconds. */
    public static Duration duration(Map<String, ?> map, String field, String context, Duration fallback) {
        Object v = map.get(field);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Duration d) {
            return d;
        }
        if (v instanceof Number n) {
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(s);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            long unitMillis = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            return Duration.ofMillis(Math.round(amount * unitMillis));
        }
        try {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(context + ": field '" + field
                    + "' must be a duration like 30s, 5m or PT30S, was '" + v + "'");
        }
    }

    public static <E extends Enum<E>> E enumValue(Map<String, ?> map, String field, String context, Class<E> type, E fallback) {
        Object v = map.get(field);
        if (v == null) {
            return fallback;
        }
        String s = v.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        switch (s) {
            case ">", "GT" -> s = "ABOVE";
            case "<", "LT" -> s = "BELOW";
            default -> { }
        }
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(context + ": field '" + field + "' must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", was '" + v + "'");
        }
    }
}
