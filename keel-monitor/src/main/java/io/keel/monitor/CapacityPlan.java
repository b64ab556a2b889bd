package io.keel.monitor;

import java.util.List;

/**
 * Resources needed for a target rate (G9). Whole numbers are rounded up after dividing by the ceilings,
 * so running the plan keeps each resource at or under its ceiling.
 *
 * @param busyCores          CPU actually used at the target rate
 * @param concurrentRequests requests in flight at the target rate (Little's law)
 */
public record CapacityPlan(double requestsPerSecond, CostPerRequest cost, double busyCores, int cores,
                           double concurrentRequests, long memoryBytes, double busyConnections, int connections,
                           List<String> notes) {
}
