package io.keel.scale;

/**
 * What the autoscaler reads from a pool each period.
 *
 * @param readyInstances   instances taking work
 * @param slotsPerInstance concurrent slots of one instance
 * @param busy             attempts in flight
 * @param queued           operations waiting for this pool (the governor's queue depth for the agent)
 * @param cpu              mean reported CPU of the ready instances, 0..1, or NaN when unknown
 * @param memory           mean reported memory, 0..1, or NaN when unknown
 */
public record ScalingSignals(int readyInstances, int slotsPerInstance, int busy, int queued, double cpu,
                             double memory) {

    public ScalingSignals {
        if (readyInstances < 0 || slotsPerInstance < 1 || busy < 0 || queued < 0) {
            throw new IllegalArgumentException("bad signals: ready=" + readyInstances + ", slots=" + slotsPerInstance
                    + ", busy=" + busy + ", queued=" + queued);
        }
    }

    public static ScalingSignals of(int readyInstances, int slotsPerInstance, int busy, int queued) {
        return new ScalingSignals(readyInstances, slotsPerInstance, busy, queued, Double.NaN, Double.NaN);
    }

    /** Demand in slots: running plus waiting. */
    public int load() {
        return busy + queued;
    }

    /** Busy share of ready slots (0 with no ready instance). */
    public double utilisation() {
        return readyInstances == 0 ? 0 : (double) busy / ((long) readyInstances * slotsPerInstance);
    }

    /** Signals of an in-process or endpoint pool, with the queue depth the governor reports for it. */
    public static ScalingSignals of(PoolStatus pool, int queued) {
        int slots = pool.ready() == 0 ? 1 : Math.max(1, pool.capacity() / pool.ready());
        double cpu = 0;
        double memory = 0;
        int reported = 0;
        for (InstanceStatus s : pool.members()) {
            if (s.state() == InstanceState.READY && s.cpu() != null) {
                cpu += s.cpu();
                memory += s.memory();
                reported++;
            }
        }
        return new ScalingSignals(pool.ready(), slots, pool.busy(), queued, reported == 0 ? Double.NaN : cpu / reported,
                reported == 0 ? Double.NaN : memory / reported);
    }
}
