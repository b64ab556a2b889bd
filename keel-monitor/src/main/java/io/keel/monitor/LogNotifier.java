package io.keel.monitor;

import java.lang.System.Logger.Level;

/** Writes alert notifications to the platform log: FIRED at WARNING (ERROR when critical), RESOLVED at INFO. */
public final class LogNotifier implements AlertListener {

    private static final System.Logger LOG = System.getLogger("io.keel.monitor.alerts");

    @Override
    public void onAlert(AlertEvent event) {
        Alert a = event.alert();
        Level level = event.type() == AlertEvent.Type.RESOLVED ? Level.INFO
                : a.severity() == Severity.CRITICAL ? Level.ERROR : Level.WARNING;
        LOG.log(level, "alert {0} {1} on {2}{3}: value {4} vs threshold {5} since {6} ({7})",
                a.rule(), event.type(), a.series(), a.tags().isEmpty() ? "" : a.tags(), a.value(), a.threshold(),
                a.since(), a.description());
    }
}
