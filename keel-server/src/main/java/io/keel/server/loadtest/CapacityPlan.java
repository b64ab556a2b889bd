package io.keel.server.loadtest;

/**
 * G9's capacity planner: from the CPU a run consumed per request, the cores needed to serve {@code targetRate}
 * while staying under the utilisation ceiling (G3: 70 %). {@code source} says whose CPU was measured.
 */
public record CapacityPlan(String source, double cpuSeconds, long requests, double cpuMsPerRequest,
                           double targetRate, double ceiling, double coresNeeded) {

    public static final double G3_CEILING = 0.70;

    public static CapacityPlan of(String source, double cpuSeconds, long requests, double targetRate, double ceiling) {
        if (!(ceiling > 0 && ceiling <= 1)) {
            throw new IllegalArgumentException("ceiling: must be in (0, 1], was '" + ceiling + "'");
        }
        double perRequest = requests == 0 ? 0 : cpuSeconds / requests;
        return new CapacityPlan(source, cpuSeconds, requests, perRequest * 1_000, targetRate, ceiling,
                targetRate * perRequest / ceiling);
    }
}
