package io.keel.storage;

import java.text.Normalizer;

/**
 * File names are data, never paths. The store addresses content by hash, so a name never reaches the file
 * system; these rules keep names safe for the places they do reach (Content-Disposition, logs, a download
 * saved by a client).
 *
 * <p>{@link #validate} refuses what it cannot accept as is (for an explicit {@code ?name=}: the caller gets a
 * 400); {@link #neutralise} turns any input into an acceptable name (for names taken from multipart headers
 * or other sources a client does not control precisely).
 */
public final class FileNames {

    public static final int MAX_LENGTH = 255;

    private static final String FALLBACK = "file";

    private FileNames() {
    }

    /**
     * Returns the name in Unicode NFC, or refuses it: empty or blank, longer than {@value #MAX_LENGTH}
     * characters, containing {@code /} or {@code \} (paths, traversal, absolute paths), exactly {@code .} or
     * {@code ..}, containing NUL or any other control, format or line/paragraph separator character, or with
     * leading or trailing whitespace.
     *
     * @throws IllegalArgumentException naming the problem and quoting the (escaped) name
     */
    public static String validate(String name) {
        if (name == null) {
            throw new IllegalArgumentException("file name is missing");
        }
        String normal = Normalizer.normalize(name, Normalizer.Form.NFC);
        if (normal.isBlank()) {
            throw new IllegalArgumentException("file name is blank: '" + escape(name) + "'");
        }
        if (normal.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("file name longer than " + MAX_LENGTH + " characters: '"
                    + escape(name.substring(0, 40)) + "...'");
        }
        for (int i = 0; i < normal.length(); i++) {
            char c = normal.charAt(i);
            if (c == '/' || c == '\\') {
                throw new IllegalArgumentException("file name must not contain a path separator: '"
                        + escape(name) + "'");
            }
            if (isUnsafe(c)) {
                throw new IllegalArgumentException("file name must not contain control characters: '"
                        + escape(name) + "'");
            }
        }
        if (normal.equals(".") || normal.equals("..")) {
            throw new IllegalArgumentException("file name must not be '.' or '..': '" + escape(name) + "'");
        }
        if (!normal.strip().equals(normal)) {
            throw new IllegalArgumentException("file name must not start or end with whitespace: '"
                    + escape(name) + "'");
        }
        return normal;
    }

    /**
     * Turns any input into a name {@link #validate} accepts: keeps the last path segment, replaces control
     * characters with {@code _}, trims whitespace, truncates to {@value #MAX_LENGTH} characters, and falls back
     * to {@code "file"} when nothing usable is left.
     */
    public static String neutralise(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String normal = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int cut = Math.max(normal.lastIndexOf('/'), normal.lastIndexOf('\\'));
        String last = normal.substring(cut + 1);
        StringBuilder safe = new StringBuilder(last.length());
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            safe.append(isUnsafe(c) ? '_' : c);
        }
        String result = safe.toString().strip();
        if (result.length() > MAX_LENGTH) {
            int end = MAX_LENGTH;
            if (Character.isHighSurrogate(result.charAt(end - 1))) {
                end--;
            }
            result = result.substring(0, end).strip();
        }
        if (result.isEmpty() || result.equals(".") || result.equals("..")) {
            return FALLBACK;
        }
        return result;
    }

    private static boolean isUnsafe(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c)
                || type == Character.FORMAT             // bidi overrides that disguise an extension
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
