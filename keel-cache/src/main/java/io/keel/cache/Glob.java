package io.keel.cache;

/**
 * Redis-style glob matching ({@code *}, {@code ?}, {@code [abc]}, {@code [^a-z]}, {@code \x}), as SCAN MATCH does:
 * the meaning of the patterns of {@link TieredCache#invalidatePattern}, for every {@link SecondLevel} to share (an
 * unclosed {@code [} is a literal, a range may be written either way round).
 */
public final class Glob {

    private Glob() {
    }

    public static boolean matches(String glob, String text) {
        return match(glob, 0, text, 0);
    }

    /**
     * The characters every text matching the glob starts with: its head up to the first wildcard, escapes undone.
     * A store can select candidates by it (an index range, SQL {@code LIKE 'prefix%'}) and decide with
     * {@link #matches}.
     */
    public static String literalPrefix(String glob) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?' || c == '[' && classEnd(glob, i) > 0) {
                break;
            }
            if (c == '\\' && i + 1 < glob.length()) {
                c = glob.charAt(++i);
            }
            prefix.append(c);
        }
        return prefix.toString();
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    while (pi < p.length() && p.charAt(pi) == '*') {
                        pi++;
                    }
                    if (pi == p.length()) {
                        return true;
                    }
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    pi++;
                    si++;
                }
                case '[' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    int end = classEnd(p, pi);
                    if (end < 0) {
                        if (s.charAt(si) != '[') {
                            return false;
                        }
                        pi++;
                        si++;
                    } else {
                        if (!inClass(p, pi + 1, end, s.charAt(si))) {
                            return false;
                        }
                        pi = end + 1;
                        si++;
                    }
                }
                default -> {
                    if (c == '\\' && pi + 1 < p.length()) {
                        pi++;
                        c = p.charAt(pi);
                    }
                    if (si >= s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length();
    }

    private static int classEnd(String p, int open) {
        for (int i = open + 1; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    private static boolean inClass(String p, int from, int end, char c) {
        boolean negate = from < end && p.charAt(from) == '^';
        int i = negate ? from + 1 : from;
        boolean found = false;
        while (i < end) {
            char lo = p.charAt(i);
            if (lo == '\\' && i + 1 < end) {
                lo = p.charAt(++i);
            }
            if (i + 2 < end && p.charAt(i + 1) == '-') {
                char hi = p.charAt(i + 2);
                if (lo <= c && c <= hi || hi <= c && c <= lo) {
                    found = true;
                }
                i += 3;
            } else {
                if (lo == c) {
                    found = true;
                }
                i++;
            }
        }
        return found != negate;
    }
}
