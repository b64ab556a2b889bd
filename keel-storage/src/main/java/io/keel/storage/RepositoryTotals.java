package io.keel.storage;

/**
 * Sums over the metadata, from which {@link StorageStats} is derived.
 *
 * @param logicalBytes sum of every logical file's size
 * @param uniqueBytes  sum of the original sizes of referenced blobs (each content counted once)
 * @param storedBytes  sum of the on-disk sizes of referenced blobs
 */
public record RepositoryTotals(long files, long blobs, long logicalBytes, long uniqueBytes, long storedBytes) {
}
