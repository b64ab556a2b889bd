package io.keel.storage;

/**
 * What one optimisation run did (F7), with the field names of {@code POST /api/v1/storage/optimize}.
 *
 * @param filesProcessed  logical files subject to the run (all files at its start) plus blob files examined
 * @param filesRemoved    logical files removed by retention plus orphaned or duplicate blob files removed
 * @param spaceSavedBytes on-disk bytes freed by removals and by compression
 */
public record OptimizationReport(long filesProcessed, long filesRemoved, long spaceSavedBytes, long durationMs,
                                 Details details) {

    /** The breakdown behind the totals. */
    public record Details(long expiredRemoved, long agedRemoved, long evictedForSize, long orphanBlobsRemoved,
                          long referenceCountsRepaired, long blobsCompressed, long compressionSavedBytes) {
    }
}
