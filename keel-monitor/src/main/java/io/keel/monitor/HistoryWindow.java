package io.keel.monitor;

import java.util.Map;

/**
 * The buckets of one series at one resolution, oldest first, as parallel primitive arrays (compact in
 * memory and in JSON). A bucket with no sample has NaN in all three arrays and is omitted.
 */
public record HistoryWindow(String series, Map<String, String> tags, long stepMillis,
                            long[] epochMillis, float[] min, float[] max, float[] avg) {

    public int size() {
        return epochMillis.length;
    }
}
