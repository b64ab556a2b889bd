package io.keel.monitor;

import io.keel.monitor.internal.LeastSquares;

/**
 * Classifies a series as increasing, decreasing or stable. A trend counts only when the fitted line
 * explains enough of the variation ({@code minConfidence}, R²) and moves the value by at least
 * {@code minChange} of its mean over the window; otherwise it is STABLE. Noise alone therefore reads as
 * stable however steep a random fit happens to be.
 */
public record Trends(double minConfidence, double minChange) {

    public Trends {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence must be in [0, 1], was " + minConfidence);
        }
        if (!(minChange >= 0)) {
            throw new IllegalArgumentException("minChange must not be negative, was " + minChange);
        }
    }

    /** R² at least 0.5 and at least a 5 % change over the window. */
    public static Trends defaults() {
        return new Trends(0.5, 0.05);
    }

    public Trend of(HistoryWindow w) {
        int n = w.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = w.epochMillis()[i] / 1000.0;
            y[i] = w.avg()[i];
        }
        return of(w.series(), x, y, n);
    }

    /** Trend of points {@code (seconds[i], values[i])}. */
    public Trend of(String series, double[] seconds, double[] values, int n) {
        LeastSquares fit = LeastSquares.fit(seconds, values, n);
        long span = n < 2 ? 0 : Math.round(seconds[n - 1] - seconds[0]);
        if (n < 3) {
            return new Trend(series, Trend.Direction.STABLE, fit.slope(), 0, 0, fit.meanY(), n, span);
        }
        double scale = Math.max(Math.abs(fit.meanY()), 1e-12);
        double change = fit.slope() * span / scale;
        Trend.Direction d = fit.rSquared() < minConfidence || Math.abs(change) < minChange ? Trend.Direction.STABLE
                : fit.slope() > 0 ? Trend.Direction.INCREASING : Trend.Direction.DECREASING;
        return new Trend(series, d, fit.slope(), fit.rSquared(), change, fit.meanY(), n, span);
    }
}
