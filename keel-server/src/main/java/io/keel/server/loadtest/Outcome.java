package io.keel.server.loadtest;

/** What one request ended with: an HTTP status, or the exception that stopped it ({@code errorKind} then names it). */
public record Outcome(int status, String errorKind) {

    public static Outcome ofStatus(int status) {
        return new Outcome(status, status >= 400 ? "HTTP " + status : null);
    }

    public static Outcome ofException(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return new Outcome(0, cause.getClass().getSimpleName());
    }

    public boolean failed() {
        return errorKind != null;
    }
}
