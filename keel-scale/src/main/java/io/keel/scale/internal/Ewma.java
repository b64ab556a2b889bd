package io.keel.scale.internal;

/**
 * Peak EWMA of latency: a sample above the average replaces it at once (so a slowing instance is
 * avoided at once), a sample below pulls it down with weight depending on the time since the last
 * sample (so a recovering instance is trusted again gradually). Immutable.
 */
record Ewma(double nanos, long atNanos) {

    static final Ewma NONE = new Ewma(0, 0);

    Ewma with(long sampleNanos, long now, long decayNanos) {
        if (nanos == 0 || sampleNanos > nanos) {
            return new Ewma(sampleNanos, now);
        }
        double w = Math.exp(-(double) Math.max(0, now - atNanos) / decayNanos);
        return new Ewma(nanos * w + sampleNanos * (1 - w), now);
    }
}
