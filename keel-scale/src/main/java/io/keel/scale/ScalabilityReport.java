package io.keel.scale;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The scalability status report (I11), as served at {@code /api/v1/scaling}: every pool with its
 * instances, busy slots, states and strategy, the most recent scaling decisions of all pools, and
 * costs. Plain records, so Jackson serialises it as is.
 */
public record ScalabilityReport(Instant at, List<PoolStatus> pools, List<ScalingDecision> recentDecisions,
                                CostReport costs) {

    public ScalabilityReport {
        pools = List.copyOf(pools);
        recentDecisions = List.copyOf(recentDecisions);
    }

    /** @param costs null when costs are not tracked */
    public static ScalabilityReport of(InstantSource clock, Collection<? extends AgentPool> pools,
                                       Collection<? extends Autoscaler> autoscalers, CostTracker costs,
                                       int recentDecisions) {
        List<ScalingDecision> decisions = autoscalers.stream().flatMap(a -> a.history().stream())
                .sorted(Comparator.comparing(ScalingDecision::at).reversed()).limit(recentDecisions).toList();
        return new ScalabilityReport(clock.instant(), pools.stream().map(AgentPool::status).toList(), decisions,
                costs == null ? null : costs.report());
    }
}
