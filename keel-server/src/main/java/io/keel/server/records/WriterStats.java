package io.keel.server.records;

/**
 * What the record writer has done since start.
 *
 * @param batches      commits made
 * @param records      records written (after coalescing repeated writes of one id)
 * @param largestBatch the most records one commit carried; above 1 means group commit is sharing commits
 * @param failures     records that could not be written
 */
public record WriterStats(long batches, long records, int largestBatch, long failures) {
}
