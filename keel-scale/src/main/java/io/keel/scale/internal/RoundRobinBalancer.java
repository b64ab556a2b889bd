package io.keel.scale.internal;

import io.keel.scale.Balancer;
import io.keel.scale.BalancerStrategy;
import io.keel.scale.Candidates;
import java.util.concurrent.atomic.AtomicInteger;

/** Takes turns, skipping instances that cannot take work now. Thread-safe: one atomic counter. */
public final class RoundRobinBalancer implements Balancer {

    private final AtomicInteger next = new AtomicInteger();

    @Override
    public BalancerStrategy strategy() {
        return BalancerStrategy.ROUND_ROBIN;
    }

    @Override
    public int pick(Candidates candidates) {
        int n = candidates.size();
        if (n == 0) {
            return -1;
        }
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int k = 0; k < n; k++) {
            int i = start + k < n ? start + k : start + k - n;
            if (candidates.available(i)) {
                return i;
            }
        }
        return -1;
    }
}
