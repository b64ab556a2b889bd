package io.keel.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Ends a request with a problem+json response. Thrown from handlers and turned into the response by the
 * routing's error handler, so every refusal takes one path. No stack trace: these are expected outcomes.
 *
 * @see ProblemType
 */
public final class ProblemException extends RuntimeException {

    private final transient ProblemType type;
    private final transient Duration retryAfter;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public ProblemException(ProblemType type, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.retryAfter = retryAfter;
    }

    public static ProblemException invalidField(String field, String rule) {
        return new ProblemException(ProblemType.INVALID_FIELD, field + ": " + rule);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    /** When the client may try again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
