package io.keel.scale.internal;

import io.keel.scale.Balancer;
import io.keel.scale.BalancerStrategy;
import io.keel.scale.Candidates;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Least in-flight work relative to capacity. Stateless, so thread-safe. */
public final class LeastConnectionsBalancer extends ScanOrSample implements Balancer {

    public LeastConnectionsBalancer(int fullScanUpTo, Supplier<? extends RandomGenerator> random) {
        super(fullScanUpTo, random);
    }

    @Override
    public BalancerStrategy strategy() {
        return BalancerStrategy.LEAST_CONNECTIONS;
    }

    @Override
    double cost(Candidates candidates, int index) {
        return candidates.load(index);
    }
}
