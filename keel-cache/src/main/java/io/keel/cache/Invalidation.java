package io.keel.cache;

/**
 * A message telling every node to drop first-level entries.
 *
 * @param origin  the node that invalidated (a node ignores its own messages: it already acted)
 * @param kind    what {@code target} names
 * @param target  a key, a tag or a glob; empty for {@link Kind#ALL}
 * @param version the invalidating version; a node keeps a local entry only if it is newer
 */
public record Invalidation(String origin, Kind kind, String target, long version) {

    public enum Kind { KEY, TAG, PATTERN, ALL }

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

    public static Invalidation decode(String line) {
        String[] parts = line.split("\\|", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an invalidation message: '" + line + "'");
        }
        return new Invalidation(parts[0], Kind.valueOf(parts[1]), parts[3], Long.parseLong(parts[2]));
    }
}
