package io.keel.scale;

/** A circuit breaker's state. */
public enum CircuitState {
    /** Calls pass; outcomes fill the failure-rate window. */
    CLOSED,
    /** Calls fail fast until the open time has passed. */
    OPEN,
    /** A few trial calls pass; all succeeding closes the circuit, one failing opens it again. */
    HALF_OPEN
}
