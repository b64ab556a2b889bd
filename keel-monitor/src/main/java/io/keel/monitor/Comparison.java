package io.keel.monitor;

/** Which side of a threshold is bad. */
public enum Comparison {
    /** Bad when the value is strictly above the threshold. */
    ABOVE,
    /** Bad when the value is strictly below the threshold. */
    BELOW;

    public boolean breaches(double value, double threshold) {
        return this == ABOVE ? value > threshold : value < threshold;
    }
}
