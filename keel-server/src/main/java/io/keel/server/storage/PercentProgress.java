package io.keel.server.storage;

import io.keel.governor.ProgressReporter;

/**
 * Turns "bytes so far" of a transfer into governor progress, at most once per whole percent: the store reports
 * every buffer (thousands per second), and each report reaches the operation's listeners and records.
 * Confined to the transfer's thread.
 */
final class PercentProgress {

    private final ProgressReporter reporter;
    private final long total;
    private int lastPercent = -1;

    /** @param total expected bytes, or a value <= 0 when unknown (then nothing is reported) */
    PercentProgress(ProgressReporter reporter, long total) {
        this.reporter = reporter;
        this.total = total;
    }

    void bytes(long done) {
        if (total <= 0) {
            return;
        }
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent > lastPercent) {
            lastPercent = percent;
            reporter.percent(percent);
        }
    }
}
