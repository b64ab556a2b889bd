package io.keel.server.http;

/**
 * The catalogue of errors the server sends, each with a stable type URI (RFC 9457). Clients may switch on
 * the URI; the title is its human label; the detail of each response says what exactly went wrong.
 */
public enum ProblemType {
    BAD_REQUEST(400, "bad-request", "Bad request"),
    INVALID_FIELD(400, "invalid-field", "Invalid field"),
    MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    UNKNOWN_AGENT(404, "unknown-agent", "Unknown agent"),
    UNKNOWN_OPERATION(404, "unknown-operation", "Unknown operation"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    ALREADY_FINISHED(409, "already-finished", "Operation already finished"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    INTERNAL_ERROR(500, "internal-error", "Internal server error"),
    NOT_IMPLEMENTED(501, "not-implemented", "Not implemented"),
    QUEUE_FULL(503, "queue-full", "Queue full"),
    MEMORY_BUDGET_EXHAUSTED(503, "memory-budget-exhausted", "Memory budget exhausted"),
    SHUTTING_DOWN(503, "shutting-down", "Shutting down"),
    UNAVAILABLE(503, "unavailable", "Service unavailable"),
    AGENT_EXISTS(409, "agent-exists", "Agent already exists"),
    STORAGE_FULL(507, "storage-full", "Insufficient storage"),
    CANCELLED(409, "cancelled", "Cancelled");

    /** Every type URI starts with this. */
    public static final String BASE_URI = "https://keel.dev/problems/";

    private final int status;
    private final String uri;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.uri = BASE_URI + slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return uri;
    }

    public String title() {
        return title;
    }
}
