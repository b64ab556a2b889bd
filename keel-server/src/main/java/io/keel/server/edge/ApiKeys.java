package io.keel.server.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys, kept only as SHA-256 hashes. The format (KEEL_API_KEYS, keel.yaml {@code api-keys})
 * is {@code name:secret:scope+scope,name:secret:scope}, e.g. {@code ci:s3cret:read+submit,ops:t0p:admin}.
 * Names and secrets may not contain {@code :} or {@code ,}; secrets must be at least 16 characters.
 *
 * <p>Immutable and thread-safe. A presented key is hashed and compared with every configured hash using
 * {@link MessageDigest#isEqual} (constant time in the length of the hash), and the loop never stops early,
 * so the time taken says nothing about which key, or how much of one, matched. Error messages name the entry
 * by position and name, never by its secret, because configuration errors end up in logs.
 */
public final class ApiKeys {

    /** Shortest secret accepted: a guessable key is as good as none. */
    public static final int MIN_SECRET_LENGTH = 16;

    /**
     * One configured key: its name (safe to log), the hash of its secret, its scopes, and those scopes as the
     * sorted text the response cache keys by (made once here, not on every request).
     */
    public record ApiKey(String name, byte[] hash, Set<Scope> scopes, String scopeList) {

        public ApiKey(String name, byte[] hash, Set<Scope> scopes) {
            this(name, hash, scopes, scopes.stream().map(Scope::text).sorted().toList().toString());
        }

        public boolean grants(Scope needed) {
            return scopes.stream().anyMatch(s -> s.grants(needed));
        }
    }

    private final List<ApiKey> keys;

    private ApiKeys(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public static ApiKeys none() {
        return new ApiKeys(List.of());
    }

    /**
     * @param spec the setting's value, or null/blank for no keys
     * @throws IllegalArgumentException naming the entry at fault (never its secret)
     */
    public static ApiKeys parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return none();
        }
        List<ApiKey> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] entries = spec.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            String[] parts = entry.split(":", -1);
            String where = "KEEL_API_KEYS: entry " + (i + 1);
            if (parts.length != 3) {
                throw new IllegalArgumentException(where + ": expected name:secret:scope[+scope], found "
                        + parts.length + " ':'-separated parts");
            }
            String name = parts[0].trim();
            String secret = parts[1].trim();
            if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException(where + ": name must be letters, digits, '.', '_' or '-', was '"
                        + name + "'");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(where + ": duplicate name '" + name + "'");
            }
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(where + " ('" + name + "'): secret must be at least "
                        + MIN_SECRET_LENGTH + " characters, was " + secret.length());
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (String scope : parts[2].split("\\+")) {
                try {
                    scopes.add(Scope.parse(scope));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + " ('" + name + "'): " + e.getMessage(), e);
                }
            }
            keys.add(new ApiKey(name, sha256(secret), Set.copyOf(scopes)));
        }
        return new ApiKeys(keys);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public int size() {
        return keys.size();
    }

    /** The key whose secret was presented, if any; compares against every key in constant time. */
    public Optional<ApiKey> authenticate(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented);
        ApiKey found = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(key.hash(), hash) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String text) {
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiKeys" + keys.stream().map(ApiKey::name).toList();
    }
}
