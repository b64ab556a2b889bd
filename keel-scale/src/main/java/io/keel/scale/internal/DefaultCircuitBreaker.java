package io.keel.scale.internal;

import io.keel.scale.CircuitBreaker;
import io.keel.scale.CircuitBreakerConfig;
import io.keel.scale.CircuitState;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Count-window circuit breaker. All state is one immutable record swapped by compare-and-set, so
 * concurrent callers never see a half-made transition.
 *
 * <p>Transitions: CLOSED → OPEN when the window (at least {@code minimumCalls}) fails at the rate;
 * OPEN → HALF_OPEN on the first call after {@code openFor}; HALF_OPEN → CLOSED when all
 * {@code halfOpenCalls} trials succeed, → OPEN on any trial failure. Tolerated race: an attempt
 * admitted while CLOSED may finish after the circuit opened; its outcome is then ignored (OPEN) or
 * counted as a trial (HALF_OPEN), which only makes the breaker more cautious.
 */
public final class DefaultCircuitBreaker implements CircuitBreaker {

    private record State(CircuitState state, OutcomeWindow window, long openedAt, int trialsOut, int trialsPassed) {
    }

    private final CircuitBreakerConfig config;
    private final LongSupplier nanoClock;
    private final AtomicReference<State> state;

    public DefaultCircuitBreaker(CircuitBreakerConfig config, LongSupplier nanoClock) {
        this.config = config;
        this.nanoClock = nanoClock;
        this.state = new AtomicReference<>(closed());
    }

    private State closed() {
        return new State(CircuitState.CLOSED, OutcomeWindow.empty(config.window()), 0, 0, 0);
    }

    @Override
    public CircuitState state() {
        State s = state.get();
        if (s.state() == CircuitState.OPEN && nanoClock.getAsLong() - s.openedAt() >= config.openFor().toNanos()) {
            return CircuitState.HALF_OPEN;
        }
        return s.state();
    }

    @Override
    public boolean tryAcquire() {
        while (true) {
            State s = state.get();
            State next;
            switch (s.state()) {
                case CLOSED -> {
                    return true;
                }
                case OPEN -> {
                    if (nanoClock.getAsLong() - s.openedAt() < config.openFor().toNanos()) {
                        return false;
                    }
                    next = new State(CircuitState.HALF_OPEN, s.window(), s.openedAt(), 1, 0);
                }
                default -> {
                    if (s.trialsOut() + s.trialsPassed() >= config.halfOpenCalls()) {
                        return false;
                    }
                    next = new State(CircuitState.HALF_OPEN, s.window(), s.openedAt(), s.trialsOut() + 1,
                            s.trialsPassed());
                }
            }
            if (state.compareAndSet(s, next)) {
                return true;
            }
        }
    }

    @Override
    public void release() {
        state.updateAndGet(s -> s.state() == CircuitState.HALF_OPEN && s.trialsOut() > 0
                ? new State(CircuitState.HALF_OPEN, s.window(), s.openedAt(), s.trialsOut() - 1, s.trialsPassed())
                : s);
    }

    @Override
    public void record(boolean success) {
        State current = state.get();
        if (success && current.state() == CircuitState.CLOSED && current.window().failures() == 0
                && current.window().count() == current.window().size()) {
            return; // a success in a full, failure-free window changes nothing
        }
        long now = nanoClock.getAsLong();
        state.updateAndGet(s -> switch (s.state()) {
            case OPEN -> s;
            case CLOSED -> {
                OutcomeWindow w = s.window().with(!success);
                boolean trip = w.count() >= config.minimumCalls() && w.failureRate() >= config.failureRate();
                yield trip ? new State(CircuitState.OPEN, OutcomeWindow.empty(config.window()), now, 0, 0)
                        : new State(CircuitState.CLOSED, w, 0, 0, 0);
            }
            case HALF_OPEN -> {
                if (!success) {
                    yield new State(CircuitState.OPEN, OutcomeWindow.empty(config.window()), now, 0, 0);
                }
                int passed = s.trialsPassed() + 1;
                yield passed >= config.halfOpenCalls() ? closed()
                        : new State(CircuitState.HALF_OPEN, s.window(), s.openedAt(), Math.max(0, s.trialsOut() - 1),
                                passed);
            }
        });
    }

    @Override
    public String toString() {
        State s = state.get();
        return "circuit " + state() + " (failures=" + s.window().failures() + "/" + s.window().count()
                + ", threshold=" + config.failureRate() + ")";
    }
}
