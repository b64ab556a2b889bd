package io.keel.scale.internal;

import io.keel.scale.Candidates;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The shared shape of "pick the cheapest": scan every instance of a small pool, or compare two random
 * samples of a large one (power of two choices: O(1), and almost as good as a full scan). Ties in a
 * scan go to the first from a random start, so equal instances share the work.
 */
abstract class ScanOrSample {

    private final int fullScanUpTo;
    private final Supplier<? extends RandomGenerator> random;

    ScanOrSample(int fullScanUpTo, Supplier<? extends RandomGenerator> random) {
        if (fullScanUpTo < 1) {
            throw new IllegalArgumentException("fullScanUpTo must be at least 1, not " + fullScanUpTo);
        }
        this.fullScanUpTo = fullScanUpTo;
        this.random = random;
    }

    /** Lower is better. */
    abstract double cost(Candidates candidates, int index);

    public final int pick(Candidates c) {
        int n = c.size();
        if (n == 0) {
            return -1;
        }
        RandomGenerator r = random.get();
        if (n > fullScanUpTo) {
            int a = r.nextInt(n);
            int b = r.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            boolean okA = c.available(a);
            boolean okB = c.available(b);
            if (okA && okB) {
                return cost(c, b) < cost(c, a) ? b : a;
            }
            if (okA) {
                return a;
            }
            if (okB) {
                return b;
            }
        }
        return scan(c, n, n > 1 ? r.nextInt(n) : 0);
    }

    private int scan(Candidates c, int n, int start) {
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            int i = start + k < n ? start + k : start + k - n;
            if (c.available(i)) {
                double cost = cost(c, i);
                if (best < 0 || cost < bestCost) {
                    best = i;
                    bestCost = cost;
                }
            }
        }
        return best;
    }
}
