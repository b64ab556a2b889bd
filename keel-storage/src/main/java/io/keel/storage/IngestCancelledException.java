package io.keel.storage;

/** The ingest was cancelled (its cancel flag was raised or its thread interrupted); nothing was stored. */
public final class IngestCancelledException extends StorageException {

    public IngestCancelledException(String name, long bytesRead) {
        super("ingest of '" + name + "' cancelled after " + bytesRead + " bytes; nothing was stored");
    }
}
