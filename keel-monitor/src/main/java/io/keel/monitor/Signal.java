package io.keel.monitor;

/** What value of a series a rule compares with its threshold. */
public enum Signal {
    /** The newest sample. */
    LAST,
    /** Mean of the bucket averages over the rule's window. */
    AVG,
    /**
     * Fraction dropped from the window's mean to the newest sample: {@code 1 - last / avg}
     * (0 = no drop, 0.5 = halved). Only defined when the window mean is positive; for throughput drops.
     */
    DROP
}
