package io.keel.governor.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.keel.governor.AgentSpec;
import io.keel.governor.AgentStats;
import io.keel.governor.Limits;

/**
 * One agent's live counters and effective cap. It outlives re-registration (the spec is swapped, the
 * counters stay), so replacing an agent keeps its running and queued work correctly counted.
 *
 * <p>Thread-safety: {@code running} is changed only by CAS/atomic decrements through {@link Permits};
 * {@code queued} is changed only under the dispatcher's lock and read freely; the spec and cap are
 * volatile and replaced whole.
 */
final class AgentState {

    private final String name;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder completed = new LongAdder();
    private final LongAdder permitsGranted = new LongAdder();
    private final LongAdder permitNanos = new LongAdder();
    private final LongAdder permitsTimed = new LongAdder();
    private final AgentMeters meters;
    private volatile AgentSpec spec;
    private volatile int cap;

    AgentState(AgentSpec spec, Limits limits, AgentMeters meters) {
        this.name = spec.name();
        this.meters = meters;
        update(spec, limits);
    }

    void update(AgentSpec newSpec, Limits limits) {
        this.spec = newSpec;
        this.cap = newSpec.maxConcurrency() > 0 ? newSpec.maxConcurrency() : limits.maxConcurrencyPerAgent();
    }

    String name() {
        return name;
    }

    AgentSpec spec() {
        return spec;
    }

    int cap() {
        return cap;
    }

    AgentMeters meters() {
        return meters;
    }

    boolean tryIncrementRunning() {
        for (;;) {
            int r = running.get();
            if (r >= cap) {
                return false;
            }
            if (running.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    void decrementRunning() {
        running.decrementAndGet();
    }

    int running() {
        return running.get();
    }

    void queuedDelta(int delta) {
        queued.addAndGet(delta);
    }

    int queued() {
        return queued.get();
    }

    void completed() {
        completed.increment();
    }

    void permitGranted() {
        permitsGranted.increment();
    }

    void permitTimed(long nanos) {
        permitsTimed.increment();
        permitNanos.add(nanos);
    }

    long permitsGranted() {
        return permitsGranted.sum();
    }

    long permitsTimed() {
        return permitsTimed.sum();
    }

    long permitNanos() {
        return permitNanos.sum();
    }

    AgentStats stats() {
        return new AgentStats(name, running.get(), queued.get(), cap, completed.sum());
    }
}
