package io.keel.scale;

/**
 * Where an instance is in its life. Only {@link #READY} instances take new work; {@link #EJECTED} is
 * a READY instance that outlier detection has set aside until its back-off ends.
 */
public enum InstanceState {
    /** Created or registered, not yet proven healthy (active probe pending). */
    STARTING,
    /** Takes work. */
    READY,
    /** Takes no new work; leaves the pool once its in-flight work has finished. */
    DRAINING,
    /** Failed its active health checks; comes back after enough passing probes. */
    UNHEALTHY,
    /** Failed too often in real traffic; comes back when its back-off ends. */
    EJECTED
}
