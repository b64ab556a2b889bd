package io.keel.scale.internal;

import io.keel.scale.InstanceState;
import io.keel.scale.InstanceStatus;
import io.keel.scale.InstanceView;
import io.keel.scale.ResourceLoad;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One instance of a pool and its live counters.
 *
 * <p>Invariants: {@code inFlight} never exceeds the effective capacity it was reserved against and
 * never goes below zero (each reservation is released once, by its lease). A DRAINING instance takes
 * no new reservation: {@link #tryReserve} increments and then re-reads the state, while draining sets
 * the state and then reads {@code inFlight}; both are volatile, so one of the two sides always sees
 * the other and the instance leaves only when no attempt holds it ({@link #markGone} runs once).
 */
final class Member implements InstanceView {

    final String id;
    final Object target;
    final boolean remote;
    private final int capacity;
    private final int weight;
    private final LongSupplier nanoClock;

    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicReference<Ewma> ewma = new AtomicReference<>(Ewma.NONE);
    final AtomicReference<OutlierState> outlier;
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    final CompletableFuture<Void> gone = new CompletableFuture<>();
    private final AtomicBoolean left = new AtomicBoolean();

    volatile InstanceState baseState;
    volatile long readySinceNanos;
    volatile long ejectedUntilNanos;
    volatile ResourceLoad load;
    /** Active-probe streak: positive = passes in a row, negative = failures in a row. */
    final AtomicInteger probeStreak = new AtomicInteger();

    Member(String id, Object target, boolean remote, int capacity, int weight, InstanceState initial,
           LongSupplier nanoClock, int outlierWindow) {
        this.id = id;
        this.target = target;
        this.remote = remote;
        this.capacity = capacity;
        this.weight = weight;
        this.nanoClock = nanoClock;
        this.outlier = new AtomicReference<>(OutlierState.fresh(outlierWindow));
        long now = nanoClock.getAsLong();
        this.baseState = initial;
        this.readySinceNanos = now;
        this.ejectedUntilNanos = now;
    }

    boolean ejectedAt(long now) {
        return now - ejectedUntilNanos < 0;
    }

    boolean tryReserve(int effectiveCapacity) {
        int n;
        do {
            n = inFlight.get();
            if (n >= effectiveCapacity) {
                return false;
            }
        } while (!inFlight.compareAndSet(n, n + 1));
        if (baseState != InstanceState.READY) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** @return true for the one caller that makes the instance leave */
    boolean markGone() {
        return left.compareAndSet(false, true);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Object target() {
        return target;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int weight() {
        return weight;
    }

    @Override
    public InstanceState state() {
        InstanceState s = baseState;
        return s == InstanceState.READY && ejectedAt(nanoClock.getAsLong()) ? InstanceState.EJECTED : s;
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public double latencyEwmaNanos() {
        return ewma.get().nanos();
    }

    @Override
    public ResourceLoad reportedLoad() {
        return load;
    }

    @Override
    public int ejections() {
        return outlier.get().ejections();
    }

    InstanceStatus status() {
        ResourceLoad l = load;
        return new InstanceStatus(id, String.valueOf(target), state(), capacity, weight, inFlight(),
                latencyEwmaNanos() / 1e6, ejections(), succeeded.sum(), failed.sum(), l == null ? null : l.cpu(),
                l == null ? null : l.memory());
    }
}
