package io.keel.scale;

import java.time.Instant;

/**
 * Expected load (busy + queued slots) of a pool at a future time, for the autoscaler's predictive
 * mode. The server can pass the monitor's forecast; {@link SeasonalForecast} learns from the pool alone.
 */
@FunctionalInterface
public interface LoadForecast {

    /**
     * @return the load expected at {@code at} (or the peak expected until then), or NaN when unknown
     */
    double expectedLoad(Instant at);

    /** The autoscaler reports each period's observed load here, for forecasts that learn. */
    default void observe(Instant at, double load) {
    }
}
