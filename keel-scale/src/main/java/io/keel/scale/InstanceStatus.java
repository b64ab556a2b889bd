package io.keel.scale;

/**
 * One instance in a status report; {@code latencyMs} is the peak-EWMA latency, {@code cpu} and
 * {@code memory} its last reported load (null if it never reported).
 */
public record InstanceStatus(String id, String target, InstanceState state, int capacity, int weight, int inFlight,
                             double latencyMs, int ejections, long succeeded, long failed, Double cpu,
                             Double memory) {
}
