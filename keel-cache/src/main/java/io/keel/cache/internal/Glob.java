package io.keel.cache.internal;

/** Redis-style glob matching ({@code *}, {@code ?}, {@code [abc]}, {@code [^a-z]}, {@code \x}), as SCAN MATCH does. */
public final class Glob {

    private Glob() {
    }

    public static boolean matches(String glob, String text) {
        return match(glob, 0, text, 0);
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
