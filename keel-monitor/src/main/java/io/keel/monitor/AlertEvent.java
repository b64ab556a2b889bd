package io.keel.monitor;

/** A notification: an alert started firing or was resolved. PENDING alerts notify nobody. */
public record AlertEvent(Type type, Alert alert) {

    public enum Type { FIRED, RESOLVED }
}
