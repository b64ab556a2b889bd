package io.keel.monitor;

import java.time.Instant;
import java.util.List;

/**
 * One run of the memory manager's clean-ups.
 *
 * @param trigger "pressure" when the threshold was crossed, "manual" for an explicit emergency clean-up
 */
public record CleanupReport(Instant at, String trigger, double usageBefore, double usageAfter, boolean gcRequested,
                            List<Outcome> outcomes) {

    public CleanupReport {
        outcomes = List.copyOf(outcomes);
    }

    /** What one registered clean-up did; {@code error} is null unless it threw. */
    public record Outcome(String name, long bytesFreed, long entriesFreed, long tookMillis, String error) {
    }

    public long bytesFreed() {
        return outcomes.stream().mapToLong(Outcome::bytesFreed).sum();
    }

    public long entriesFreed() {
        return outcomes.stream().mapToLong(Outcome::entriesFreed).sum();
    }
}
