package io.keel.storage;

/**
 * What opening the store cleaned up after a crash.
 *
 * @param tempFilesRemoved     partial files of interrupted ingests
 * @param orphanBlobsRemoved   blob files on disk with no metadata, or blobs no file references any more
 * @param referenceCountsRepaired blobs whose reference count disagreed with the files referencing them
 */
public record RecoveryReport(long tempFilesRemoved, long orphanBlobsRemoved, long referenceCountsRepaired,
                             long bytesFreed) {
}
