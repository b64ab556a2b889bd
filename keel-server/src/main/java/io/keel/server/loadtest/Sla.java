package io.keel.server.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** SLA targets (G1 defaults: p95 below 200 ms, errors below 0.1 %) and the verdict on a run. */
public record Sla(double p95Ms, double maxErrorRate) {

    public static final Sla G1 = new Sla(200, 0.001);

    public Sla {
        if (!(p95Ms > 0)) {
            throw new IllegalArgumentException("--sla-p95-ms: must be > 0, was '" + p95Ms + "'");
        }
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new IllegalArgumentException("--sla-error-rate: must be in [0, 1], was '" + maxErrorRate + "'");
        }
    }

    /** The verdict; a run with no request at all fails, since it proves nothing. */
    public Verdict judge(LoadResult result) {
        List<String> breaches = new ArrayList<>();
        if (result.requests() == 0) {
            breaches.add("no request completed");
        }
        if (result.corrected().p95() >= p95Ms) {
            breaches.add(String.format(Locale.ROOT, "p95 %.1f ms >= %.1f ms", result.corrected().p95(), p95Ms));
        }
        if (result.errorRate() >= maxErrorRate && result.errors() > 0) {
            breaches.add(String.format(Locale.ROOT, "error rate %.3f %% >= %.3f %%", result.errorRate() * 100,
                    maxErrorRate * 100));
        }
        return new Verdict(breaches.isEmpty(), List.copyOf(breaches));
    }

    public record Verdict(boolean passed, List<String> breaches) {
        @Override
        public String toString() {
            return passed ? "PASS" : "FAIL: " + String.join("; ", breaches);
        }
    }
}
