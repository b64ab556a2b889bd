package io.keel.monitor;

/** Receives alert notifications, off the evaluation thread; it may block briefly but should not throw. */
@FunctionalInterface
public interface AlertListener {
    void onAlert(AlertEvent event);
}
