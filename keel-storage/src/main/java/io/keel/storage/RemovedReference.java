package io.keel.storage;

/**
 * The result of removing a file's reference to its blob.
 *
 * @param remainingReferences references the blob still has; at zero the blob row is already gone and
 *                            the store deletes the blob file
 */
public record RemovedReference(FileRecord file, BlobRecord blob, long remainingReferences) {
}
