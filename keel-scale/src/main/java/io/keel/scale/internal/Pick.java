package io.keel.scale.internal;

import io.keel.scale.Candidates;
import io.keel.scale.InstanceState;
import io.keel.scale.InstanceView;

/** The candidates of one pick: a membership snapshot seen at one instant. Not shared between threads. */
final class Pick implements Candidates {

    private final Members members;
    private final long now;
    private final long slowStartNanos;

    Pick(Members members, long now, long slowStartNanos) {
        this.members = members;
        this.now = now;
        this.slowStartNanos = slowStartNanos;
    }

    @Override
    public int size() {
        return members.array().length;
    }

    @Override
    public InstanceView get(int index) {
        return members.array()[index];
    }

    @Override
    public boolean available(int index) {
        Member m = members.array()[index];
        return m.baseState == InstanceState.READY && !m.ejectedAt(now) && m.inFlight.get() < effectiveCapacity(index);
    }

    @Override
    public int effectiveCapacity(int index) {
        Member m = members.array()[index];
        return scaled(m.capacity(), m);
    }

    @Override
    public int effectiveWeight(int index) {
        Member m = members.array()[index];
        return scaled(m.weight(), m);
    }

    private int scaled(int full, Member m) {
        if (slowStartNanos == 0) {
            return full;
        }
        long elapsed = now - m.readySinceNanos;
        if (elapsed >= slowStartNanos) {
            return full;
        }
        double fraction = 0.1 + 0.9 * Math.max(0, elapsed) / slowStartNanos;
        return Math.max(1, (int) (full * fraction));
    }

    @Override
    public Object generation() {
        return members;
    }

    @Override
    public long nanoTime() {
        return now;
    }
}
