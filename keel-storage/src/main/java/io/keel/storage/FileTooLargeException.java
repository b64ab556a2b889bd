package io.keel.storage;

/** The content exceeded the ingest's size limit; it was cut off and nothing was stored (HTTP 413). */
public final class FileTooLargeException extends StorageException {

    private final long limitBytes;

    public FileTooLargeException(String name, long limitBytes) {
        super("file '" + name + "' exceeds the size limit of " + limitBytes + " bytes; nothing was stored");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
