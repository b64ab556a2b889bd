package io.keel.server.maintenance;

import java.time.Instant;

/**
 * What one maintenance job has done, as the API shows it.
 *
 * @param lastRunAt      when the last run started, null before the first
 * @param lastDurationMs how long the last run took, null before the first
 * @param lastOutcome    "ok: &lt;what the job said&gt;" or "failed: &lt;message&gt;", null before the first run
 * @param nextRunAt      when the next scheduled run is due
 */
public record JobStatus(String name, long intervalMs, Instant lastRunAt, Long lastDurationMs, String lastOutcome,
                        long runs, long failures, Instant nextRunAt) {
}
