package io.keel.monitor;

import io.keel.monitor.internal.LeastSquares;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Time to exhaustion from a least-squares trend over a series' history. */
public final class Forecaster {

    private final History history;
    private final Duration lookback;

    /** @param lookback how much history to fit (coarser tiers are used for long lookbacks) */
    public Forecaster(History history, Duration lookback) {
        this.history = history;
        if (lookback == null || lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("lookback must be positive, was " + lookback);
        }
        this.lookback = lookback;
    }

    /** Forecast for one series against a limit; an already reached limit gives a zero time. */
    public Forecast exhaustion(String resource, SeriesKey key, double limit, Instant now) {
        return exhaustion(resource, history.window(key, lookback, now), limit, now);
    }

    public static Forecast exhaustion(String resource, HistoryWindow w, double limit, Instant now) {
        int n = w.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (w.epochMillis()[i] + w.stepMillis() / 2.0) / 1000.0;
            y[i] = w.avg()[i];
        }
        LeastSquares fit = LeastSquares.fit(x, y, n);
        double nowSeconds = now.toEpochMilli() / 1000.0;
        double level = n == 0 ? Double.NaN : fit.at(nowSeconds);
        Duration ttl = null;
        Instant at = null;
        if (n >= 3) {
            double gap = limit - level;
            // Only a trend heading towards the limit exhausts it; flat or receding trends never do.
            if (gap == 0 || fit.slope() != 0 && Math.signum(fit.slope()) == Math.signum(gap)) {
                double seconds = gap == 0 ? 0 : gap / fit.slope();
                ttl = Duration.ofMillis(Math.round(seconds * 1000));
                at = now.plus(ttl);
            }
        }
        String label = w.tags().isEmpty() ? w.series() : w.series() + w.tags();
        return new Forecast(resource, label, level, limit, fit.slope(), ttl, at, fit.rSquared(), n);
    }

    /** Forecasts for the resources the sampler watches: memory, heap, every disk and the DB pool. */
    public List<Forecast> standard(Instant now) {
        List<Forecast> out = new ArrayList<>();
        addAll(out, "memory", MonitorSeries.MEMORY_USAGE, 1.0, now);
        addAll(out, "heap", MonitorSeries.HEAP_USAGE, 1.0, now);
        addAll(out, "disk", MonitorSeries.DISK_FREE_RATIO, 0.0, now);
        addAll(out, "db-pool", MonitorSeries.DB_POOL_USAGE, 1.0, now);
        return out;
    }

    private void addAll(List<Forecast> out, String resource, String series, double limit, Instant now) {
        for (SeriesKey key : history.seriesNamed(series)) {
            out.add(exhaustion(resource, key, limit, now));
        }
    }
}
