package io.keel.governor;

import java.util.Map;

/**
 * What dashboards and invariant checks need to see, as one consistent-enough picture (counts are read
 * one after another, not under a global lock).
 *
 * @param running              operations running now (permits in use)
 * @param queued               operations waiting
 * @param reservedBytes        memory budget reserved by running operations
 * @param liveOperations       operations not yet terminal (queued + running + backing off)
 * @param completedByStatus    terminal operations so far, per terminal status
 * @param perAgent             per agent
 * @param ownedPlatformThreads platform threads the governor created and that are still alive
 * @param droppedEvents        events dropped because listeners fell behind
 * @param limits               the limits in force
 */
public record GovernorStats(
        int running,
        int queued,
        long reservedBytes,
        int liveOperations,
        Map<OperationStatus, Long> completedByStatus,
        Map<String, AgentStats> perAgent,
        int ownedPlatformThreads,
        long droppedEvents,
        Limits limits) {

    public GovernorStats {
        completedByStatus = Map.copyOf(completedByStatus);
        perAgent = Map.copyOf(perAgent);
    }
}
