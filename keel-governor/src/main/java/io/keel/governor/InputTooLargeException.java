package io.keel.governor;

/** The declared input is larger than {@link Limits#maxInputBytes()}; retrying will not help. */
public final class InputTooLargeException extends OperationRejectedException {

    public InputTooLargeException(String message) {
        super(message, null);
    }
}
