package io.keel.governor;

import java.time.Duration;

/**
 * How far an operation has got.
 *
 * @param percent   0 to 100
 * @param step      name of the current step, or null
 * @param stepIndex 1-based index of the current step, 0 before the first
 * @param stepCount number of steps, 0 when unknown
 * @param eta       smoothed estimate of the time left, or null while it cannot be estimated
 */
public record Progress(double percent, String step, int stepIndex, int stepCount, Duration eta) {

    public static final Progress NONE = new Progress(0, null, 0, 0, null);

    public static final Progress DONE = new Progress(100, null, 0, 0, Duration.ZERO);
}
