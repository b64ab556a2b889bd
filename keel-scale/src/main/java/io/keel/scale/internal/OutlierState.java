package io.keel.scale.internal;

/**
 * One instance's passive-health record. {@code ejections} counts ejections in a row; it resets once
 * the instance has come back and served a full window without being ejected again.
 */
record OutlierState(OutcomeWindow window, int consecutiveFailures, int ejections, int cleanSinceReturn) {

    static OutlierState fresh(int windowSize) {
        return new OutlierState(OutcomeWindow.empty(windowSize), 0, 0, 0);
    }

    OutlierState with(boolean failure) {
        int clean = cleanSinceReturn + 1;
        boolean forgiven = ejections > 0 && clean >= window.size();
        return new OutlierState(window.with(failure), failure ? consecutiveFailures + 1 : 0,
                forgiven ? 0 : ejections, forgiven ? 0 : clean);
    }

    /** A full window of successes and no ejection to forgive: one more success is a no-op. */
    boolean isSteadyHealthy() {
        return ejections == 0 && consecutiveFailures == 0 && window.failures() == 0 && window.count() == window.size();
    }

    OutlierState ejected() {
        return new OutlierState(OutcomeWindow.empty(window.size()), 0, ejections + 1, 0);
    }
}
