package io.keel.scale.internal;

/**
 * The last {@code size} (≤ 64) outcomes as a bit ring: bit set = failure. Immutable, so it can live
 * inside records that are swapped atomically.
 */
record OutcomeWindow(int size, long bits, int count, int failures) {

    static OutcomeWindow empty(int size) {
        return new OutcomeWindow(size, 0L, 0, 0);
    }

    OutcomeWindow with(boolean failure) {
        long mask = size == 64 ? -1L : (1L << size) - 1;
        boolean evicted = count == size && (bits >>> (size - 1) & 1L) == 1L;
        long next = ((bits << 1) | (failure ? 1L : 0L)) & mask;
        return new OutcomeWindow(size, next, Math.min(count + 1, size),
                failures + (failure ? 1 : 0) - (evicted ? 1 : 0));
    }

    double failureRate() {
        return count == 0 ? 0 : (double) failures / count;
    }
}
