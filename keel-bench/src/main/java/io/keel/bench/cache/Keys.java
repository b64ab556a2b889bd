package io.keel.bench.cache;

import java.util.Random;

/** Key traces for the cache benchmarks: uniform and Zipf-distributed integers, precomputed so the hot loop only indexes. */
final class Keys {

    private Keys() {
    }

    static int[] uniform(int universe, int length, long seed) {
        Random random = new Random(seed);
        int[] keys = new int[length];
        for (int i = 0; i < length; i++) {
            keys[i] = random.nextInt(universe);
        }
        return keys;
    }

    /** Zipf over {@code [0, universe)} with exponent {@code s}, by inverting the cumulative distribution. */
    static int[] zipf(int universe, double s, int length, long seed) {
        double[] cdf = new double[universe];
        double sum = 0;
        for (int i = 0; i < universe; i++) {
            sum += 1.0 / Math.pow(i + 1, s);
            cdf[i] = sum;
        }
        Random random = new Random(seed);
        int[] keys = new int[length];
        for (int i = 0; i < length; i++) {
            double u = random.nextDouble() * sum;
            int lo = 0;
            int hi = universe - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            // Scatter ranks over the key space so hot keys are not neighbours in hash order.
            keys[i] = (int) ((lo * 0x9E3779B1L) & 0x7fffffff) % universe;
        }
        return keys;
    }
}
