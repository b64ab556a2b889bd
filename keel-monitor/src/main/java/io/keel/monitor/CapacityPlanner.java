package io.keel.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * The capacity planner (G9): from the cost of one request, the cores, memory and connections a target
 * rate needs, each with headroom up to its ceiling.
 * <pre>
 *   cores       = ceil((cpuSeconds × rate + baselineCores) / cpuCeiling)
 *   in flight   = rate × latency                       (Little's law)
 *   memory      = (baselineBytes + in flight × bytesInFlight) / memoryCeiling
 *   connections = ceil(connectionSeconds × rate / poolCeiling)
 * </pre>
 */
public final class CapacityPlanner {

    private CapacityPlanner() {
    }

    public static CapacityPlan plan(CostPerRequest cost, CapacityTarget target) {
        double rate = target.requestsPerSecond();
        double busyCores = cost.cpuSeconds() * rate + target.baselineCores();
        int cores = (int) Math.max(1, Math.ceil(busyCores / target.cpuCeiling() - 1e-9));
        double inFlight = rate * cost.latencySeconds();
        long memory = (long) Math.ceil((target.baselineBytes() + inFlight * cost.bytesInFlight()) / target.memoryCeiling());
        double busyConnections = cost.connectionSeconds() * rate;
        int connections = (int) Math.ceil(busyConnections / target.poolCeiling() - 1e-9);
        List<String> notes = new ArrayList<>();
        notes.add(String.format(java.util.Locale.ROOT,
                "%.0f req/s keep %.2f cores busy; %d cores hold CPU at or under %.0f %%",
                rate, busyCores, cores, target.cpuCeiling() * 100));
        notes.add(String.format(java.util.Locale.ROOT, "%.1f requests in flight (rate × %.3f s latency)",
                inFlight, cost.latencySeconds()));
        if (cost.connectionSeconds() > 0) {
            notes.add(String.format(java.util.Locale.ROOT,
                    "%.2f connections busy; a pool of %d keeps it at or under %.0f %%",
                    busyConnections, connections, target.poolCeiling() * 100));
        }
        return new CapacityPlan(rate, cost, busyCores, cores, inFlight, memory, busyConnections, connections,
                List.copyOf(notes));
    }
}
