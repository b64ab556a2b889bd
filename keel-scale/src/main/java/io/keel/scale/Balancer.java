package io.keel.scale;

import io.keel.scale.internal.LeastConnectionsBalancer;
import io.keel.scale.internal.PeakEwmaBalancer;
import io.keel.scale.internal.ResourceBalancer;
import io.keel.scale.internal.RoundRobinBalancer;
import io.keel.scale.internal.SmoothWeightedBalancer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Chooses which instance takes the next attempt. Implementations are thread-safe; a pool may swap its
 * balancer at any time ({@link AgentPool#useBalancer}).
 */
public interface Balancer {

    /** Pools larger than this use power of two choices for least connections and response time. */
    int DEFAULT_FULL_SCAN_UP_TO = 16;

    BalancerStrategy strategy();

    /** @return the index of an {@link Candidates#available available} candidate, or -1 if none is */
    int pick(Candidates candidates);

    static Balancer roundRobin() {
        return new RoundRobinBalancer();
    }

    static Balancer leastConnections() {
        return leastConnections(DEFAULT_FULL_SCAN_UP_TO, ThreadLocalRandom::current);
    }

    /**
     * @param fullScanUpTo pools up to this size are scanned fully; larger ones sample two instances
     * @param random       where the two samples come from (tests pass a recording one)
     */
    static Balancer leastConnections(int fullScanUpTo, Supplier<? extends RandomGenerator> random) {
        return new LeastConnectionsBalancer(fullScanUpTo, random);
    }

    static Balancer weightedRoundRobin() {
        return new SmoothWeightedBalancer();
    }

    static Balancer resourceBased() {
        return new ResourceBalancer();
    }

    static Balancer responseTime() {
        return responseTime(DEFAULT_FULL_SCAN_UP_TO, ThreadLocalRandom::current);
    }

    static Balancer responseTime(int fullScanUpTo, Supplier<? extends RandomGenerator> random) {
        return new PeakEwmaBalancer(fullScanUpTo, random);
    }

    static Balancer of(BalancerStrategy strategy) {
        return switch (strategy) {
            case ROUND_ROBIN -> roundRobin();
            case LEAST_CONNECTIONS -> leastConnections();
            case WEIGHTED_ROUND_ROBIN -> weightedRoundRobin();
            case RESOURCE_BASED -> resourceBased();
            case RESPONSE_TIME -> responseTime();
        };
    }
}
