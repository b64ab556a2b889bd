package io.keel.scale.internal;

import io.keel.scale.Balancer;
import io.keel.scale.BalancerStrategy;
import io.keel.scale.Candidates;
import java.util.concurrent.locks.ReentrantLock;

/**
 * nginx's smooth weighted round robin: every pick adds each available instance's weight to its
 * running score, takes the highest, and subtracts the total from the winner. Over every run of
 * (sum of weights) picks with a stable set, each instance is picked exactly its weight times, and the
 * picks are interleaved rather than bunched.
 *
 * <p>The scores are shared mutable state, so a pick holds a lock; the critical section is a loop over
 * the instances with no blocking call, so it is short and safe on virtual threads. Scores reset when
 * the pool's membership generation changes.
 */
public final class SmoothWeightedBalancer implements Balancer {

    private final ReentrantLock lock = new ReentrantLock();
    private Object generation;
    private long[] scores = new long[0];

    @Override
    public BalancerStrategy strategy() {
        return BalancerStrategy.WEIGHTED_ROUND_ROBIN;
    }

    @Override
    public int pick(Candidates c) {
        int n = c.size();
        lock.lock();
        try {
            if (generation != c.generation() || scores.length != n) {
                generation = c.generation();
                scores = new long[n];
            }
            long total = 0;
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!c.available(i)) {
                    continue;
                }
                int weight = c.effectiveWeight(i);
                scores[i] += weight;
                total += weight;
                if (best < 0 || scores[i] > scores[best]) {
                    best = i;
                }
            }
            if (best >= 0) {
                scores[best] -= total;
            }
            return best;
        } finally {
            lock.unlock();
        }
    }
}
