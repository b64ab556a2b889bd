package io.keel.cache.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What a namespace and a table prefix may be. The prefix is spliced into SQL as part of table names, so it is held
 * to a plain lower-case identifier; the namespace only ever travels as a bind parameter, but is held to a small
 * alphabet too, so it reads the same in logs, channel names and operators' queries.
 */
public final class Names {

    private static final Pattern TABLE_PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}");

    private Names() {
    }

    public static String requireTablePrefix(String prefix) {
        if (prefix == null || !TABLE_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("tablePrefix must be a lower-case SQL identifier of at most 40 "
                    + "characters ([a-z][a-z0-9_]*): '" + prefix + "'");
        }
        return prefix;
    }

    public static String requireNamespace(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace must be 1 to 200 characters of letters, digits and "
                    + "'_.:-', starting with a letter or digit: '" + namespace + "'");
        }
        return namespace;
    }

    /**
     * The PostgreSQL notification channel of a namespace in a set of tables: a lower-case identifier well under
     * the 63-byte limit, the same for every node that opens the same namespace on the same tables.
     */
    public static String channel(String tablePrefix, String namespace) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((tablePrefix + '\n' + namespace).getBytes(StandardCharsets.UTF_8));
            return "keel_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
