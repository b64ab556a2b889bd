package io.keel.scale;

/**
 * One pick's view of a pool: its instances in a fixed order, which of them can take work now, and
 * their effective capacity and weight (slow start lowers both for new instances).
 */
public interface Candidates {

    int size();

    InstanceView get(int index);

    /** READY, not ejected, and with a free slot at the effective capacity. */
    boolean available(int index);

    /** Capacity after slow start, at least 1. */
    int effectiveCapacity(int index);

    /** Weight after slow start, at least 1. */
    int effectiveWeight(int index);

    /** In-flight work over effective capacity: the measure "busier" means everywhere in Keel. */
    default double load(int index) {
        return (double) get(index).inFlight() / effectiveCapacity(index);
    }

    /**
     * Identifies the pool's membership: it changes whenever instances join, leave or change state, so
     * stateful balancers know when to reset.
     */
    Object generation();

    /** The pool's monotonic clock at the time of this pick. */
    long nanoTime();
}
