package io.keel.storage;

import java.io.IOException;

/**
 * A refusal or failure of the file store that callers map to a distinct answer (413, 507, 404, 500...).
 * It is an {@link IOException} because it surfaces from stream reads and writes, where only I/O errors may travel.
 */
public abstract class StorageException extends IOException {

    protected StorageException(String message) {
        super(message);
    }

    protected StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
