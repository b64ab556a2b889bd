package io.keel.storage;

/**
 * Stored bytes no longer match their SHA-256 (bit rot, tampering, a quarantined or missing blob). Thrown by
 * reads instead of a clean end of stream, and recorded by the scrub.
 */
public final class IntegrityException extends StorageException {

    private final String sha256;

    public IntegrityException(String sha256, String message) {
        super("blob " + sha256 + ": " + message);
        this.sha256 = sha256;
    }

    public IntegrityException(String sha256, String message, Throwable cause) {
        super("blob " + sha256 + ": " + message, cause);
        this.sha256 = sha256;
    }

    public String sha256() {
        return sha256;
    }
}
