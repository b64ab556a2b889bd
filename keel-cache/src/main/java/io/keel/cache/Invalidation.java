package io.keel.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A message telling every node to drop first-level entries.
 *
 * @param origin  the node that invalidated (a node ignores its own messages: it already acted)
 * @param kind    what {@code target} names
 * @param target  a key, a tag or a glob; empty for {@link Kind#ALL}; for {@link Kind#KEYS} a list of keys in the
 *                form {@link #keyList}
 * @param version the invalidating version; a node keeps a local entry only if it is newer
 */
public record Invalidation(String origin, Kind kind, String target, long version) {

    /**
     * {@code KEYS}: a batch of written keys, announced once per batch write; {@code version} is the batch's
     * highest.
     */
    public enum Kind { KEY, TAG, PATTERN, ALL, KEYS }

    public Invalidation {
        if (origin == null || origin.isEmpty() || origin.indexOf('|') >= 0) {
            throw new IllegalArgumentException("origin must be non-empty without '|': '" + origin + "'");
        }
        if (kind == null || target == null) {
            throw new IllegalArgumentException("kind and target are required: " + kind + ", " + target);
        }
    }

    /** One line, {@code origin|kind|version|target}, for a pub/sub payload. */
    public String encode() {
        return origin + '|' + kind.name() + '|' + version + '|' + target;
    }

    /**
     * A {@link Kind#KEYS} target: each key as {@code <UTF-8 byte length>:<key>}, so keys may hold any character.
     * The Redis batch write sends this form, and builds it in Lua for the written keys alone when some were refused.
     */
    public static String keyList(Collection<String> keys) {
        StringBuilder out = new StringBuilder();
        for (String key : keys) {
            out.append(key.getBytes(StandardCharsets.UTF_8).length).append(':').append(key);
        }
        return out.toString();
    }

    /** The keys of a {@link Kind#KEYS} target. */
    public List<String> keys() {
        if (kind != Kind.KEYS) {
            return List.of(target);
        }
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        List<String> keys = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            int len = 0;
            while (bytes[i] != ':') {
                if (bytes[i] < '0' || bytes[i] > '9') {
                    throw new IllegalArgumentException("malformed key list at byte " + i + ": '" + target + "'");
                }
                len = len * 10 + (bytes[i++] - '0');
            }
            i++;
            keys.add(new String(bytes, i, len, StandardCharsets.UTF_8));
            i += len;
        }
        return keys;
    }

    public static Invalidation decode(String line) {
        String[] parts = line.split("\\|", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an invalidation message: '" + line + "'");
        }
        return new Invalidation(parts[0], Kind.valueOf(parts[1]), parts[3], Long.parseLong(parts[2]));
    }
}
