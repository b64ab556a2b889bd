package io.keel.governor;

/**
 * A spec the governor cannot accept as given (for example a timeout above {@link Limits#maxTimeout()}).
 * {@link Governor#submit} throws {@link IllegalArgumentException} for this; {@link Governor#submitAll}
 * records it per item with this type so one bad item does not abort the batch.
 */
public final class InvalidOperationException extends OperationRejectedException {

    public InvalidOperationException(String message) {
        super(message, null);
    }
}
