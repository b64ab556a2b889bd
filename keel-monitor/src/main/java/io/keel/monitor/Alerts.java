package io.keel.monitor;

import io.keel.monitor.internal.AlertTracker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Evaluates {@link AlertRule}s over a {@link History} and notifies listeners of FIRED and RESOLVED.
 *
 * <p>Thread safety: {@link #evaluate()} runs under one lock (one cycle at a time; trackers are plain
 * objects owned by it). Readers get the immutable lists published at the end of each cycle through
 * volatile fields. Listeners run on the injected executor, so a slow webhook never delays evaluation.
 */
public final class Alerts {

    private static final System.Logger LOG = System.getLogger(Alerts.class.getName());

    private final History history;
    private final InstantSource clock;
    private final Executor notifier;
    private final Duration staleAfter;
    private final int recentCapacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Alert> recent = new ArrayDeque<>();
    // Written under the lock; volatile so rules() reads the current set without taking it.
    private volatile List<AlertRule> rules;
    private volatile List<Map<SeriesKey, AlertTracker>> trackers;
    private volatile List<Alert> activeView = List.of();
    private volatile List<Alert> recentView = List.of();

    /**
     * @param notifier       runs listener calls (a direct executor in tests)
     * @param staleAfter     a series with no sample for this long counts as gone: its alerts resolve
     * @param recentCapacity how many resolved alerts to remember
     */
    public Alerts(List<AlertRule> rules, History history, InstantSource clock, Executor notifier,
                  Duration staleAfter, int recentCapacity) {
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, was " + staleAfter);
        }
        if (recentCapacity < 0) {
            throw new IllegalArgumentException("recentCapacity must not be negative, was " + recentCapacity);
        }
        this.staleAfter = staleAfter;
        this.recentCapacity = recentCapacity;
        replaceRules(rules);
    }

    public void addListener(AlertListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Swaps the rule set (e.g. after a configuration reload); alerts of rules kept by name keep their state. */
    public void replaceRules(List<AlertRule> next) {
        List<AlertRule> copy = List.copyOf(next);
        Map<String, Long> names = new HashMap<>();
        for (AlertRule r : copy) {
            if (names.merge(r.name(), 1L, Long::sum) > 1) {
                throw new IllegalArgumentException("alert rule names must be unique, '" + r.name() + "' repeats");
            }
        }
        lock.lock();
        try {
            List<Map<SeriesKey, AlertTracker>> fresh = new ArrayList<>(copy.size());
            for (AlertRule r : copy) {
                Map<SeriesKey, AlertTracker> kept = null;
                if (rules != null) {
                    for (int i = 0; i < rules.size(); i++) {
                        if (rules.get(i).equals(r)) {
                            kept = trackers.get(i);
                        }
                    }
                }
                fresh.add(kept != null ? kept : new HashMap<>());
            }
            rules = copy;
            trackers = fresh;
        } finally {
            lock.unlock();
        }
    }

    public List<AlertRule> rules() {
        return rules;
    }

    /** One evaluation cycle at the clock's now; returns (and dispatches) the notifications it caused. */
    public List<AlertEvent> evaluate() {
        Instant now = clock.instant();
        long notBefore = now.toEpochMilli() - staleAfter.toMillis();
        List<AlertEvent> events = new ArrayList<>();
        lock.lock();
        try {
            List<Alert> active = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                AlertRule rule = rules.get(i);
                Map<SeriesKey, AlertTracker> byKey = trackers.get(i);
                for (SeriesKey key : history.seriesNamed(rule.series())) {
                    if (!rule.tags().isEmpty() && !key.matches(rule.tags())) {
                        continue;
                    }
                    double v = signal(rule, key, now, notBefore);
                    AlertTracker tracker = byKey.get(key);
                    AlertEvent event;
                    if (Double.isNaN(v)) {
                        event = tracker == null ? null : tracker.stale(now);
                    } else {
                        if (tracker == null) {
                            tracker = new AlertTracker(rule, key);
                            byKey.put(key, tracker);
                        }
                        event = tracker.evaluate(v, now);
                    }
                    if (event != null) {
                        events.add(event);
                    }
                }
                // Inactive trackers stay: their debounce bits are the N-of-M memory. There is at most one
                // per (rule, series), and the history bounds the series.
                for (AlertTracker t : byKey.values()) {
                    if (t.active()) {
                        active.add(t.snapshot());
                    }
                }
            }
            for (AlertEvent e : events) {
                if (e.type() == AlertEvent.Type.RESOLVED && recentCapacity > 0) {
                    if (recent.size() == recentCapacity) {
                        recent.removeFirst();
                    }
                    recent.addLast(e.alert());
                }
            }
            activeView = List.copyOf(active);
            recentView = List.copyOf(recent);
        } finally {
            lock.unlock();
        }
        dispatch(events);
        return events;
    }

    private double signal(AlertRule rule, SeriesKey key, Instant now, long notBefore) {
        double last = history.latestSince(key, notBefore);
        if (rule.signal() == Signal.LAST || Double.isNaN(last)) {
            return last;
        }
        WindowStats w = history.stats(key, rule.window(), now);
        if (w.isEmpty()) {
            return Double.NaN;
        }
        if (rule.signal() == Signal.AVG) {
            return w.avg();
        }
        return w.avg() > 0 ? 1 - last / w.avg() : Double.NaN;
    }

    private void dispatch(List<AlertEvent> events) {
        for (AlertEvent e : events) {
            for (AlertListener l : listeners) {
                try {
                    notifier.execute(() -> {
                        try {
                            l.onAlert(e);
                        } catch (RuntimeException ex) {
                            LOG.log(Level.WARNING, "alert listener failed on " + e.type() + " " + e.alert().rule(), ex);
                        }
                    });
                } catch (RuntimeException rejected) {
                    LOG.log(Level.WARNING, "alert notification dropped: " + rejected);
                }
            }
        }
    }

    /** PENDING and FIRING alerts as of the last cycle. */
    public List<Alert> active() {
        return activeView;
    }

    /** Recently RESOLVED alerts, oldest first. */
    public List<Alert> recent() {
        return recentView;
    }

    /** Active then recent: what {@code GET /api/v1/alerts} lists. */
    public List<Alert> all() {
        List<Alert> all = new ArrayList<>(activeView);
        all.addAll(recentView);
        return all;
    }
}
