package io.keel.scale;

/** The pool's circuit breaker is open: the agent type fails fast until trial calls succeed. */
public class CircuitOpenException extends NoInstanceException {

    public CircuitOpenException(String pool, String message) {
        super(pool, message);
    }
}
