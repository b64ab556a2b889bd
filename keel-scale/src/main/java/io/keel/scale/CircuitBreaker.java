package io.keel.scale;

import io.keel.scale.internal.DefaultCircuitBreaker;
import java.util.function.LongSupplier;

/**
 * One per agent type: when the type's instances fail at a high rate, calls fail fast instead of
 * filling the queue with work that will fail. Thread-safe.
 */
public interface CircuitBreaker {

    CircuitState state();

    /** @return true if a call may go ahead; it must then end in {@link #record} or {@link #release} */
    boolean tryAcquire();

    /** Gives back a permission that was not used (no call was made). */
    void release();

    void record(boolean success);

    static CircuitBreaker of(CircuitBreakerConfig config, LongSupplier nanoClock) {
        return new DefaultCircuitBreaker(config, nanoClock);
    }

    /** A breaker that never opens. */
    static CircuitBreaker never() {
        return new CircuitBreaker() {
            @Override
            public CircuitState state() {
                return CircuitState.CLOSED;
            }

            @Override
            public boolean tryAcquire() {
                return true;
            }

            @Override
            public void release() {
            }

            @Override
            public void record(boolean success) {
            }
        };
    }
}
