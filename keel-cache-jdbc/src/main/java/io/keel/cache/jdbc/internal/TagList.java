package io.keel.cache.jdbc.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * An entry's tags in one text column, each as {@code <length in chars>:<tag>}, so tags may hold any character.
 * The tags table indexes the same tags for tag deletes; this copy lets a read answer without a join.
 */
public final class TagList {

    private TagList() {
    }

    public static String encode(Set<String> tags) {
        StringBuilder out = new StringBuilder();
        for (String tag : tags) {
            out.append(tag.length()).append(':').append(tag);
        }
        return out.toString();
    }

    public static Set<String> decode(String text) {
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        Set<String> tags = new HashSet<>();
        int i = 0;
        while (i < text.length()) {
            int colon = text.indexOf(':', i);
            if (colon < 0) {
                throw new IllegalArgumentException("malformed tag list at char " + i + ": '" + text + "'");
            }
            int len = Integer.parseInt(text, i, colon, 10);
            tags.add(text.substring(colon + 1, colon + 1 + len));
            i = colon + 1 + len;
        }
        return tags;
    }
}
