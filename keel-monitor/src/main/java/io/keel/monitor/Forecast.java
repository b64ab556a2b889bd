package io.keel.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * When a resource will hit its limit if the current trend holds.
 *
 * @param current      the fitted level now (less noisy than the newest sample)
 * @param limit        the level that means exhausted (1.0 for a usage ratio, 0 for free space)
 * @param timeToLimit  null when the trend does not move towards the limit
 * @param at           the moment of exhaustion, or null
 * @param confidence   R² of the fit
 */
public record Forecast(String resource, String series, double current, double limit, double slopePerSecond,
                       Duration timeToLimit, Instant at, double confidence, int samples) {

    public boolean exhausts() {
        return timeToLimit != null;
    }
}
