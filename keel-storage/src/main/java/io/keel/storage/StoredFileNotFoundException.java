package io.keel.storage;

/** No logical file has this id (HTTP 404). */
public final class StoredFileNotFoundException extends StorageException {

    public StoredFileNotFoundException(String id) {
        super("no stored file with id '" + id + "'");
    }
}
