package io.keel.scale;

/** Candidates with fixed in-flight counts, capacities and weights, for balancer properties. */
final class FixedCandidates implements Candidates {

    private final Instance[] instances;
    private final boolean[] available;
    private final Object generation = new Object();

    record Instance(String id, int capacity, int weight, int inFlight, double latencyEwmaNanos,
                    ResourceLoad reportedLoad) implements InstanceView {
        @Override
        public Object target() {
            return id;
        }

        @Override
        public InstanceState state() {
            return InstanceState.READY;
        }

        @Override
        public int ejections() {
            return 0;
        }
    }

    FixedCandidates(Instance[] instances, boolean[] ready) {
        this.instances = instances;
        this.available = new boolean[instances.length];
        for (int i = 0; i < instances.length; i++) {
            available[i] = ready[i] && instances[i].inFlight() < instances[i].capacity();
        }
    }

    @Override
    public int size() {
        return instances.length;
    }

    @Override
    public InstanceView get(int index) {
        return instances[index];
    }

    @Override
    public boolean available(int index) {
        return available[index];
    }

    @Override
    public int effectiveCapacity(int index) {
        return instances[index].capacity();
    }

    @Override
    public int effectiveWeight(int index) {
        return instances[index].weight();
    }

    @Override
    public Object generation() {
        return generation;
    }

    @Override
    public long nanoTime() {
        return 0;
    }
}
