package io.keel.monitor;

import java.time.Duration;

/**
 * When the memory manager acts (G7: 80 %).
 *
 * @param threshold      heap usage at which clean-ups run
 * @param clearThreshold usage below which it re-arms (hysteresis; below {@code threshold})
 * @param requestGc      call System.gc() after the clean-ups so their effect shows in the reading
 * @param cooldown       if usage stays above the threshold, the soonest it runs again
 * @param reportsKept    how many clean-up reports to remember
 */
public record MemoryManagerConfig(double threshold, double clearThreshold, boolean requestGc, Duration cooldown,
                                  int reportsKept) {

    public MemoryManagerConfig {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        if (!(clearThreshold >= 0 && clearThreshold < threshold)) {
            throw new IllegalArgumentException("clearThreshold must be in [0, threshold=" + threshold + "), was "
                    + clearThreshold);
        }
        if (cooldown == null || cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative, was " + cooldown);
        }
        if (reportsKept < 1) {
            throw new IllegalArgumentException("reportsKept must be positive, was " + reportsKept);
        }
    }

    /** Acts at 80 %, re-arms under 70 %, requests GC, at most every 5 minutes while pressure lasts, keeps 20 reports. */
    public static MemoryManagerConfig defaults() {
        return new MemoryManagerConfig(0.80, 0.70, true, Duration.ofMinutes(5), 20);
    }
}
