package io.keel.monitor;

/**
 * The load to plan for and how full each resource may run (G3: CPU 70 %, memory 80 %, pool 80 %).
 *
 * @param baselineCores CPU the process burns with no traffic
 * @param baselineBytes memory it holds with no traffic
 */
public record CapacityTarget(double requestsPerSecond, double cpuCeiling, double memoryCeiling, double poolCeiling,
                             double baselineCores, double baselineBytes) {

    public CapacityTarget {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive, was " + requestsPerSecond);
        }
        requireRatio(cpuCeiling, "cpuCeiling");
        requireRatio(memoryCeiling, "memoryCeiling");
        requireRatio(poolCeiling, "poolCeiling");
        if (!(baselineCores >= 0) || !(baselineBytes >= 0)) {
            throw new IllegalArgumentException("baselines must not be negative, were " + baselineCores + " cores, "
                    + baselineBytes + " bytes");
        }
    }

    private static void requireRatio(double v, String field) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(field + " must be in (0, 1], was " + v);
        }
    }

    /** The G3 ceilings for a rate, no baseline. */
    public static CapacityTarget of(double requestsPerSecond) {
        return new CapacityTarget(requestsPerSecond, 0.70, 0.80, 0.80, 0, 0);
    }

    public CapacityTarget withBaseline(double cores, double bytes) {
        return new CapacityTarget(requestsPerSecond, cpuCeiling, memoryCeiling, poolCeiling, cores, bytes);
    }
}
