package io.keel.storage;

/**
 * The file system ran out of space while writing; the partial temporary file was removed and no metadata
 * was written (HTTP 507).
 */
public final class StorageFullException extends StorageException {

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
