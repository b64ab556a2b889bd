package io.keel.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A discrete-time pool for autoscaler simulations: each tick, arrivals join the backlog, ready
 * instances serve {@code slots} operations each (one tick per operation), and the rest wait. New
 * instances become ready {@code startupTicks} after they are asked for. Billing counts every instance
 * asked for, ready or not.
 */
final class SimulatedPool implements Scaler, Supplier<ScalingSignals> {

    final int slots;
    final int startupTicks;
    private final List<Integer> readyAt = new ArrayList<>();
    int tick;
    long backlog;
    int busy;
    int queued;
    long instanceTicks;
    long waitingOps;
    int scalings;

    SimulatedPool(int slots, int startupTicks, int initial) {
        this.slots = slots;
        this.startupTicks = startupTicks;
        for (int i = 0; i < initial; i++) {
            readyAt.add(0);
        }
    }

    void step(long arrivals) {
        tick++;
        long demand = backlog + arrivals;
        long capacity = (long) ready() * slots;
        busy = (int) Math.min(demand, capacity);
        queued = (int) (demand - busy);
        backlog = queued;
        waitingOps += queued;
        instanceTicks += readyAt.size();
    }

    int ready() {
        int n = 0;
        for (int at : readyAt) {
            if (at <= tick) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int currentSize() {
        return readyAt.size();
    }

    @Override
    public void scaleTo(int size) {
        scalings++;
        while (readyAt.size() < size) {
            readyAt.add(tick + startupTicks);
        }
        while (readyAt.size() > size) {
            readyAt.removeLast(); // the newest (least ready) first
        }
    }

    @Override
    public ScalingSignals get() {
        return ScalingSignals.of(ready(), slots, busy, queued);
    }
}
