package io.keel.governor;

/**
 * Why an operation did not succeed.
 *
 * @param type    a stable kind: {@code timeout}, {@code cancelled}, {@code rejected}, or the failing
 *                exception's simple class name
 * @param message what happened, e.g. the handler's own message
 */
public record OperationFailure(String type, String message) {

    public static OperationFailure of(Throwable error) {
        return new OperationFailure(error.getClass().getSimpleName(), String.valueOf(error.getMessage()));
    }
}
