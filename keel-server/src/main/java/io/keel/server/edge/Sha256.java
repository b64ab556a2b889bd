package io.keel.server.edge;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 for the per-request hashes (the presented API key, the ETag of a body). Cloning a ready digest skips
 * the provider lookup of {@link MessageDigest#getInstance} on every request; a clone is private to its caller,
 * so this is thread-safe.
 */
final class Sha256 {

    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
            PROTOTYPE.clone(); // fail at class load, not per request, if this provider cannot clone
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException("every JVM has a cloneable SHA-256", e);
        }
    }

    private Sha256() {
    }

    static byte[] of(byte[] bytes) {
        try {
            return ((MessageDigest) PROTOTYPE.clone()).digest(bytes);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("checked when the class loaded", e);
        }
    }
}
