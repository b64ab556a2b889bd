package io.keel.scale.internal;

import io.keel.scale.Balancer;
import io.keel.scale.BalancerStrategy;
import io.keel.scale.Candidates;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Response-time balancing: cost = peak-EWMA latency × (in-flight + 1) / capacity, the expected wait for
 * one more attempt. An instance with no finished attempt yet counts as 1 ns, so new instances get
 * tried at once. Stateless (latency lives on the instance), so thread-safe.
 */
public final class PeakEwmaBalancer extends ScanOrSample implements Balancer {

    public PeakEwmaBalancer(int fullScanUpTo, Supplier<? extends RandomGenerator> random) {
        super(fullScanUpTo, random);
    }

    @Override
    public BalancerStrategy strategy() {
        return BalancerStrategy.RESPONSE_TIME;
    }

    @Override
    double cost(Candidates c, int index) {
        double latency = Math.max(1.0, c.get(index).latencyEwmaNanos());
        return latency * (c.get(index).inFlight() + 1) / c.effectiveCapacity(index);
    }
}
