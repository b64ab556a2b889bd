package io.keel.cache.jdbc.internal;

import java.util.regex.Pattern;

/**
 * A Redis-style glob ({@code *}, {@code ?}, {@code [abc]}, {@code [^a-z]}, {@code \x}) split in two: the literal
 * prefix before its first wildcard, which selects candidate keys in SQL ({@code LIKE 'prefix%'}), and a regular
 * expression that decides each candidate in Java. SQL {@code LIKE} has no character classes, so translating the
 * whole glob is not possible; keel-cache's own matcher is internal to that module.
 *
 * <p>As in Redis, an unclosed {@code [} is a literal and a range may be written either way round ({@code [z-a]}).
 */
public final class KeyPattern {

    private final String literalPrefix;
    private final Pattern regex;

    private KeyPattern(String literalPrefix, Pattern regex) {
        this.literalPrefix = literalPrefix;
        this.regex = regex;
    }

    public static KeyPattern of(String glob) {
        StringBuilder prefix = new StringBuilder();
        StringBuilder regex = new StringBuilder();
        boolean literal = true;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                literal = false;
                regex.append(c == '*' ? ".*" : ".");
                i++;
            } else if (c == '[' && classEnd(glob, i) > 0) {
                literal = false;
                int end = classEnd(glob, i);
                regex.append(characterClass(glob, i + 1, end));
                i = end + 1;
            } else {
                if (c == '\\' && i + 1 < glob.length()) {
                    c = glob.charAt(++i);
                }
                if (literal) {
                    prefix.append(c);
                }
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return new KeyPattern(prefix.toString(), Pattern.compile(regex.toString(), Pattern.DOTALL));
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
        return regex.matcher(key).matches();
    }

    private static int classEnd(String glob, int open) {
        for (int i = open + 1; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    private static String characterClass(String glob, int from, int end) {
        boolean negate = from < end && glob.charAt(from) == '^';
        StringBuilder out = new StringBuilder(negate ? "[^" : "[");
        int i = negate ? from + 1 : from;
        boolean empty = true;
        while (i < end) {
            char lo = glob.charAt(i);
            if (lo == '\\' && i + 1 < end) {
                lo = glob.charAt(++i);
            }
            if (i + 2 < end && glob.charAt(i + 1) == '-') {
                char hi = glob.charAt(i + 2);
                out.append(escape(lo < hi ? lo : hi)).append('-').append(escape(lo < hi ? hi : lo));
                i += 3;
            } else {
                out.append(escape(lo));
                i++;
            }
            empty = false;
        }
        if (empty) {
            // "[]" matches nothing and "[^]" anything, as in Redis.
            return negate ? "." : "(?!)";
        }
        return out.append(']').toString();
    }

    private static String escape(char c) {
        return String.format("\\x{%x}", (int) c);
    }
}
