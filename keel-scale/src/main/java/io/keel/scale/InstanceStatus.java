package io.keel.scale;

/** One instance in a status report; {@code latencyMs} is the peak-EWMA latency. */
public record InstanceStatus(String id, String target, InstanceState state, int capacity, int weight, int inFlight,
                             double latencyMs, int ejections, long succeeded, long failed) {
}
