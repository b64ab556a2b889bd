package io.keel.monitor;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/v1/capacity} shows: trends, forecasts of exhaustion, suggestions and, when a cost
 * and a target are known, the capacity plan (null otherwise).
 */
public record CapacityReport(Instant generatedAt, List<Trend> trends, List<Forecast> forecasts,
                             List<Suggestion> suggestions, CapacityPlan plan) {
}
