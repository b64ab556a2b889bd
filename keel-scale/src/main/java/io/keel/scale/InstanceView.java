package io.keel.scale;

/** What a balancer (and a status report) may read about one instance of a pool. */
public interface InstanceView {

    String id();

    /** The in-process agent object, or the remote agent's base {@link java.net.URI}. */
    Object target();

    /** Concurrent slots. */
    int capacity();

    /** Relative share for weighted round robin. */
    int weight();

    InstanceState state();

    /** Attempts running on this instance now. */
    int inFlight();

    /** Peak-EWMA of attempt latency in nanoseconds; 0 before the first attempt finished. */
    double latencyEwmaNanos();

    /** The last load the instance reported, or null if it never did. */
    ResourceLoad reportedLoad();

    /** How many times outlier detection has ejected it in a row. */
    int ejections();
}
