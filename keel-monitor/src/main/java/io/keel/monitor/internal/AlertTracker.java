package io.keel.monitor.internal;

import io.keel.monitor.Alert;
import io.keel.monitor.AlertEvent;
import io.keel.monitor.AlertRule;
import io.keel.monitor.AlertState;
import io.keel.monitor.SeriesKey;
import java.time.Duration;
import java.time.Instant;

/**
 * The state machine of one rule on one series. Transitions (everything else keeps the state):
 * <pre>
 *   inactive --condition n-of-m--> PENDING --held for 'for'--> FIRING --clear n-of-m--> RESOLVED (then inactive)
 *   (each arrow also needs the current value on its side: no alert fires on a good value or resolves on a bad one)
 *   PENDING --condition lapses--> inactive (silent)
 *   any --series stale--> inactive (FIRING reports RESOLVED)
 * </pre>
 * Debounce windows are bit masks of the last m outcomes, so an evaluation costs a shift and a bitCount.
 * Not thread-safe: {@code Alerts} evaluates under its lock.
 */
public final class AlertTracker {

    private final AlertRule rule;
    private final SeriesKey key;
    private final long mask;
    private long breachBits;
    private long clearBits;
    private AlertState state;
    private Instant since;
    private Instant firedAt;
    private double value = Double.NaN;

    public AlertTracker(AlertRule rule, SeriesKey key) {
        this.rule = rule;
        this.key = key;
        this.mask = rule.m() == 64 ? -1L : (1L << rule.m()) - 1;
    }

    /** Feeds one value; returns the notification this causes, or null. */
    public AlertEvent evaluate(double v, Instant now) {
        value = v;
        boolean breach = rule.comparison().breaches(v, rule.threshold());
        boolean good = !rule.comparison().breaches(v, rule.clearThreshold());
        breachBits = ((breachBits << 1) | (breach ? 1 : 0)) & mask;
        clearBits = ((clearBits << 1) | (good ? 1 : 0)) & mask;
        boolean condition = Long.bitCount(breachBits) >= rule.n();
        boolean cleared = Long.bitCount(clearBits) >= rule.n();
        // A transition needs the current value on its side too: N-of-M decides whether, this value when.
        if (state == null) {
            if (condition && breach) {
                state = AlertState.PENDING;
                since = now;
                return maybeFire(now);
            }
            return null;
        }
        if (state == AlertState.PENDING) {
            if (!condition) {
                reset();
                return null;
            }
            return breach ? maybeFire(now) : null;
        }
        if (cleared && good) {
            AlertEvent resolved = new AlertEvent(AlertEvent.Type.RESOLVED, snapshot(AlertState.RESOLVED, now));
            reset();
            return resolved;
        }
        return null;
    }

    /** The series stopped reporting: a firing alert resolves, a pending one is forgotten. */
    public AlertEvent stale(Instant now) {
        if (state == AlertState.FIRING) {
            AlertEvent resolved = new AlertEvent(AlertEvent.Type.RESOLVED, snapshot(AlertState.RESOLVED, now));
            reset();
            return resolved;
        }
        reset();
        return null;
    }

    private AlertEvent maybeFire(Instant now) {
        if (Duration.between(since, now).compareTo(rule.forDuration()) >= 0) {
            state = AlertState.FIRING;
            firedAt = now;
            return new AlertEvent(AlertEvent.Type.FIRED, snapshot(AlertState.FIRING, null));
        }
        return null;
    }

    private void reset() {
        state = null;
        since = null;
        firedAt = null;
        breachBits = 0;
        clearBits = 0;
    }

    /** True while PENDING or FIRING. */
    public boolean active() {
        return state != null;
    }

    public Alert snapshot() {
        return snapshot(state, null);
    }

    private Alert snapshot(AlertState s, Instant resolvedAt) {
        return new Alert(rule.name(), key.name(), key.tags(), rule.severity(), s, value, rule.threshold(),
                since, firedAt, resolvedAt, rule.description());
    }
}
