package io.keel.scale;

/** The balancing strategies a pool can use (I7); {@link Balancer#of} makes one. */
public enum BalancerStrategy {
    ROUND_ROBIN,
    /** Full scan for small pools, power of two choices for large ones. */
    LEAST_CONNECTIONS,
    /** nginx's smooth weighted round robin. */
    WEIGHTED_ROUND_ROBIN,
    /** Lowest of reported CPU, memory and in-flight load. */
    RESOURCE_BASED,
    /** Peak-EWMA latency times outstanding work (Finagle's and Linkerd's cost). */
    RESPONSE_TIME
}
