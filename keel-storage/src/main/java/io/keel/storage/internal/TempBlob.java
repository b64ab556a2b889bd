package io.keel.storage.internal;

import java.nio.file.Path;

/** A complete, fsynced ingest waiting in {@code tmp/} to be renamed into place or dropped as a duplicate. */
record TempBlob(Path path, String sha256, long sizeBytes, long storedBytes, boolean compressed) {
}
