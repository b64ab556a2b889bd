package io.keel.scale.internal;

import io.keel.scale.Autoscaler;
import io.keel.scale.LoadForecast;
import io.keel.scale.Scaler;
import io.keel.scale.ScalingDecision;
import io.keel.scale.ScalingPolicy;
import io.keel.scale.ScalingSignals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The autoscaler of one pool. Its state (recommendation window, last scaling time, idle-since time,
 * history) is touched only under one lock, held across a whole step including the call to the
 * {@link Scaler} — steps are rare (once a period) and a wake must not interleave with a step. A
 * ReentrantLock, not synchronized, because a scaler may block on the network (Kubernetes).
 */
public final class DefaultAutoscaler implements Autoscaler {

    private record Recommendation(Instant at, int size) {
    }

    private final String pool;
    private final ScalingPolicy policy;
    private final Scaler scaler;
    private final Supplier<ScalingSignals> signals;
    private final LoadForecast forecast;
    private final InstantSource clock;
    private final int historySize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Recommendation> window = new ArrayDeque<>();
    private final Deque<ScalingDecision> history = new ArrayDeque<>();
    private final Counter ups;
    private final Counter downs;
    private volatile int lastTarget;
    /** What the scaler reported at the last step: gauges read this, not the scaler (maybe remote). */
    private volatile int lastCurrent;
    private volatile Instant lastWakeAt = Instant.MIN;
    private Instant lastScaleAt = Instant.MIN;
    private Instant activeAt;
    private ScheduledFuture<?> task;

    public DefaultAutoscaler(String pool, ScalingPolicy policy, Scaler scaler, Supplier<ScalingSignals> signals,
                             LoadForecast forecast, InstantSource clock, MeterRegistry registry, int historySize) {
        this.pool = pool;
        this.policy = policy;
        this.scaler = scaler;
        this.signals = signals;
        this.forecast = forecast;
        this.clock = clock;
        this.historySize = historySize;
        this.activeAt = clock.instant();
        this.lastTarget = scaler.currentSize();
        this.lastCurrent = lastTarget;
        Gauge.builder("keel.autoscaler.desired", this, a -> a.lastTarget).tag("pool", pool).register(registry);
        Gauge.builder("keel.autoscaler.current", this, a -> a.lastCurrent).tag("pool", pool).register(registry);
        ups = Counter.builder("keel.autoscaler.scalings").tag("pool", pool).tag("direction", "up").register(registry);
        downs = Counter.builder("keel.autoscaler.scalings").tag("pool", pool).tag("direction", "down")
                .register(registry);
    }

    @Override
    public String pool() {
        return pool;
    }

    @Override
    public ScalingPolicy policy() {
        return policy;
    }

    @Override
    public ScalingDecision evaluate() {
        lock.lock();
        try {
            return step(clock.instant());
        } finally {
            lock.unlock();
        }
    }

    private ScalingDecision step(Instant now) {
        ScalingSignals s = signals.get();
        int current = scaler.currentSize();
        lastCurrent = current;
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put("current", (double) current);
        inputs.put("ready", (double) s.readyInstances());
        inputs.put("busy", (double) s.busy());
        inputs.put("queued", (double) s.queued());
        if (forecast != null) {
            forecast.observe(now, s.load());
        }
        if (s.load() > 0) {
            activeAt = now;
        }

        Proposal p = propose(s, current, inputs);
        if (policy.predictive() && forecast != null) {
            double expected = forecast.expectedLoad(now.plus(policy.predictionHorizon()));
            if (Double.isFinite(expected)) {
                inputs.put("forecastLoad", expected);
                int needed = (int) Math.ceil(expected / (s.slotsPerInstance() * policy.targetUtilisation()) - 1e-9);
                inputs.put("proposal.forecast", (double) needed);
                if (needed > p.size) {
                    p = new Proposal(needed, String.format("forecast load %.1f in %s needs %d", expected,
                            policy.predictionHorizon(), needed));
                }
            }
        }
        int recommended = clamp(p.size, now, s);
        String reason = p.reason;
        if (recommended == 0 && current > 0) {
            reason = "idle since " + activeAt + ": scale to zero";
        }

        window.addLast(new Recommendation(now, recommended));
        Instant horizon = now.minus(max(policy.scaleUpStabilisation(), policy.scaleDownStabilisation()));
        while (!window.isEmpty() && window.peekFirst().at().isBefore(horizon)) {
            window.removeFirst();
        }
        int target = current;
        String held = null;
        if (recommended > current) {
            int stable = Math.max(current, lowestSince(now.minus(policy.scaleUpStabilisation())));
            target = Math.min(stable, current + policy.maxStepUp(current));
            if (stable == current) {
                held = "held: scale-up stabilisation";
            } else if (now.isBefore(lastScaleAt.plus(policy.scaleUpCooldown()))) {
                target = current;
                held = "held: scale-up cooldown";
            }
        } else if (recommended < current) {
            int stable = Math.min(current, highestSince(now.minus(policy.scaleDownStabilisation())));
            target = Math.max(stable, current - policy.maxStepDown(current));
            if (stable == current) {
                held = "held: scale-down stabilisation";
            } else if (now.isBefore(lastScaleAt.plus(policy.scaleDownCooldown()))) {
                target = current;
                held = "held: scale-down cooldown";
            }
        }
        inputs.put("recommended", (double) recommended);
        if (target != current) {
            return apply(now, current, target, recommended, reason
                    + (target != recommended ? " (step limited to " + target + ")" : ""), inputs);
        }
        if (recommended != current) {
            return remember(new ScalingDecision(now, pool, current, current, recommended, false,
                    held + "; " + reason, inputs), true);
        }
        return null;
    }

    private record Proposal(int size, String reason) {
    }

    /**
     * Per metric, {@code ceil(base × value / target)}, or the current size when the value is within the
     * tolerance band; the largest wins. The base is the ready count for per-instance averages
     * (utilisation, CPU, memory) and the current size for queue depth per instance. While instances
     * are still starting, averages over the ready ones cannot ask for fewer than the current size.
     */
    private Proposal propose(ScalingSignals s, int current, Map<String, Double> inputs) {
        if (current == 0 || s.readyInstances() == 0) {
            // Nothing ready to measure: size for the whole demand at the target utilisation.
            int needed = (int) Math.ceil(s.load() / (s.slotsPerInstance() * policy.targetUtilisation()) - 1e-9);
            inputs.put("proposal.demand", (double) needed);
            return new Proposal(Math.max(needed, current), "demand " + s.load() + " slots needs " + needed);
        }
        int floor = s.readyInstances() < current ? current : 0;
        Proposal best = ratio("utilisation", s.utilisation(), policy.targetUtilisation(), s.readyInstances(),
                current, floor, inputs);
        if (!Double.isNaN(policy.targetQueuePerInstance())) {
            best = max(best, ratio("queuePerInstance", (double) s.queued() / current,
                    policy.targetQueuePerInstance(), current, current, 0, inputs));
        }
        if (!Double.isNaN(policy.targetCpu()) && !Double.isNaN(s.cpu())) {
            best = max(best, ratio("cpu", s.cpu(), policy.targetCpu(), s.readyInstances(), current, floor, inputs));
        }
        if (!Double.isNaN(policy.targetMemory()) && !Double.isNaN(s.memory())) {
            best = max(best, ratio("memory", s.memory(), policy.targetMemory(), s.readyInstances(), current, floor,
                    inputs));
        }
        return best;
    }

    private Proposal ratio(String metric, double value, double target, int base, int current, int floor,
                           Map<String, Double> inputs) {
        inputs.put(metric, value);
        double r = value / target;
        if (Math.abs(r - 1) <= policy.tolerance()) {
            inputs.put("proposal." + metric, (double) current);
            return new Proposal(current, String.format("%s %.2f within tolerance of %.2f", metric, value, target));
        }
        int needed = Math.max(floor, (int) Math.ceil(base * r - 1e-9));
        inputs.put("proposal." + metric, (double) needed);
        return new Proposal(needed, String.format("%s %.2f vs target %.2f needs %d", metric, value, target, needed));
    }

    private static Proposal max(Proposal a, Proposal b) {
        return b.size > a.size ? b : a;
    }

    private int clamp(int size, Instant now, ScalingSignals s) {
        int min = policy.minInstances();
        if (policy.scaleToZero()) {
            boolean idle = s.load() == 0 && !now.isBefore(activeAt.plus(policy.idleBeforeZero()));
            min = idle ? 0 : 1;
            if (idle) {
                size = 0;
            }
        }
        return Math.max(min, Math.min(policy.maxInstances(), size));
    }

    private int lowestSince(Instant since) {
        int low = Integer.MAX_VALUE;
        for (Recommendation r : window) {
            if (!r.at().isBefore(since)) {
                low = Math.min(low, r.size());
            }
        }
        return low;
    }

    private int highestSince(Instant since) {
        int high = Integer.MIN_VALUE;
        for (Recommendation r : window) {
            if (!r.at().isBefore(since)) {
                high = Math.max(high, r.size());
            }
        }
        return high;
    }

    private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private ScalingDecision apply(Instant now, int from, int to, int recommended, String reason,
                                  Map<String, Double> inputs) {
        scaler.scaleTo(to);
        lastScaleAt = now;
        lastTarget = to;
        lastCurrent = to;
        (to > from ? ups : downs).increment();
        return remember(new ScalingDecision(now, pool, from, to, recommended, true, reason, inputs), false);
    }

    private ScalingDecision remember(ScalingDecision d, boolean skipRepeat) {
        ScalingDecision last = history.peekLast();
        if (skipRepeat && last != null && !last.applied() && last.reason().equals(d.reason())
                && last.recommended() == d.recommended() && last.from() == d.from()) {
            return null;
        }
        history.addLast(d);
        while (history.size() > historySize) {
            history.removeFirst();
        }
        return d;
    }

    @Override
    public void wake() {
        // Every attempt on an empty pool calls this until instances are ready (remote ones take time):
        // ask the scaler at most once a period, since it may be a network call.
        Instant now = clock.instant();
        if (now.isBefore(lastWakeAt.plus(policy.period()))) {
            return;
        }
        lock.lock();
        try {
            lastWakeAt = now;
            int current = scaler.currentSize();
            if (current > 0) {
                return;
            }
            activeAt = now;
            int to = Math.max(1, policy.minInstances());
            window.clear();
            apply(now, current, to, to, "wake on first operation", Map.of("current", 0.0));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<ScalingDecision> history() {
        lock.lock();
        try {
            return new ArrayList<>(history);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start(ScheduledExecutorService scheduler) {
        long every = policy.period().toNanos();
        lock.lock();
        try {
            if (task != null) {
                throw new IllegalStateException("autoscaler for '" + pool + "' is already running");
            }
            task = scheduler.scheduleWithFixedDelay(this::evaluateQuietly, every, every, TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    private void evaluateQuietly() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            // a failed step (scaler unreachable) is retried next period; the schedule must survive
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (task != null) {
                task.cancel(false);
            }
        } finally {
            lock.unlock();
        }
    }
}
