package io.keel.scale;

import java.time.Instant;
import java.util.List;

/** Costs per agent type, totals and recommendations (I10), as served at {@code /api/v1/costs}. */
public record CostReport(Instant at, double total, double monthlyProjection, List<AgentCost> agents,
                         List<CostRecommendation> recommendations) {

    public CostReport {
        agents = List.copyOf(agents);
        recommendations = List.copyOf(recommendations);
    }
}
