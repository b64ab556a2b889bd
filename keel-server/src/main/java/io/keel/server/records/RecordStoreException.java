package io.keel.server.records;

/** The records database refused or failed a read or write; the message names the operation and the cause. */
public final class RecordStoreException extends RuntimeException {

    public RecordStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public RecordStoreException(String message) {
        super(message);
    }
}
