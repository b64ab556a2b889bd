package io.keel.storage;

/**
 * The store's totals, with the field names of {@code GET /api/v1/storage/stats}.
 * {@code logicalBytes == storedBytes + dedupSavedBytes + compressionSavedBytes}.
 *
 * @param capacityBytes      the retention's {@code maxTotalStoredBytes} when set, else stored plus the usable
 *                           space left on the store's file system
 * @param utilizationPercent storedBytes / capacityBytes, in percent
 */
public record StorageStats(long files, long logicalBytes, long storedBytes, long dedupSavedBytes,
                           long compressionSavedBytes, long capacityBytes, double utilizationPercent) {
}
