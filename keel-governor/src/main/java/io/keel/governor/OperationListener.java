package io.keel.governor;

/**
 * Receives operation events. Called on a governor-owned delivery thread, never the operation's own:
 * a slow listener only falls behind (and loses events past its buffer, counted in the stats), and an
 * exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface OperationListener {

    void onEvent(OperationEvent event);
}
