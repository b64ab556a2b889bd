package io.keel.cache.jdbc.internal;

import io.keel.cache.Glob;

/**
 * A Redis-style glob split in two: its literal prefix, which selects candidate keys in SQL ({@code LIKE 'prefix%'}),
 * and keel-cache's {@link Glob}, which decides each candidate in Java — so a pattern means here what it means in
 * L1 and in Redis. SQL {@code LIKE} has no character classes, so translating the whole glob is not possible.
 */
public final class KeyPattern {

    private final String glob;
    private final String literalPrefix;

    private KeyPattern(String glob) {
        this.glob = glob;
        this.literalPrefix = Glob.literalPrefix(glob);
    }

    public static KeyPattern of(String glob) {
        return new KeyPattern(glob);
    }

    /** The characters every matching key starts with. */
    public String literalPrefix() {
        return literalPrefix;
    }

    /** The literal prefix as a {@code LIKE} pattern with {@code !} as its escape character. */
    public String likePrefix() {
        StringBuilder out = new StringBuilder();
        for (char c : literalPrefix.toCharArray()) {
            if (c == '!' || c == '%' || c == '_') {
                out.append('!');
            }
            out.append(c);
        }
        return out.append('%').toString();
    }

    public boolean matches(String key) {
        return Glob.matches(glob, key);
    }
}
