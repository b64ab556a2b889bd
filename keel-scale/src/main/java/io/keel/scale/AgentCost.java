package io.keel.scale;

/**
 * One agent type's costs since tracking began.
 *
 * @param costPerRequest    total / requests (0 before the first request)
 * @param efficiency        busy slot-time over provisioned slot-time, 0..1
 * @param monthlyProjection current instances for a 730-hour month plus the observed request and token
 *                          spend rate over the same month
 */
public record AgentCost(String agent, int instances, long requests, long tokens, double instanceHours,
                        double instanceCost, double requestCost, double tokenCost, double total,
                        double costPerRequest, double efficiency, double monthlyProjection) {
}
