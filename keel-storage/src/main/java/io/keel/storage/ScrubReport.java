package io.keel.storage;

import java.util.List;

/**
 * What an integrity scrub found.
 *
 * @param corrupted hashes of blobs whose bytes no longer match (or are missing); each was quarantined
 */
public record ScrubReport(long blobsChecked, long bytesChecked, List<String> corrupted, long durationMs) {

    public ScrubReport {
        corrupted = List.copyOf(corrupted);
    }

    public boolean clean() {
        return corrupted.isEmpty();
    }
}
