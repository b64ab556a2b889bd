package io.keel.monitor.internal;

/**
 * Ordinary least squares of y on x: slope, intercept and R². Points are centred on their means before
 * summing, so epoch-millisecond x values do not lose precision.
 */
public record LeastSquares(int n, double slope, double intercept, double rSquared, double meanX, double meanY) {

    public static LeastSquares fit(double[] x, double[] y, int n) {
        if (n < 2) {
            double my = n == 1 ? y[0] : Double.NaN;
            return new LeastSquares(n, 0, my, 0, n == 1 ? x[0] : Double.NaN, my);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            return new LeastSquares(n, 0, my, 0, mx, my);
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
        return new LeastSquares(n, slope, my - slope * mx, r2, mx, my);
    }

    public double at(double x) {
        return intercept + slope * x;
    }
}
