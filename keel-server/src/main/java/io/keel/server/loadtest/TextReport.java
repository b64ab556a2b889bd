package io.keel.server.loadtest;

import java.io.PrintWriter;
import java.util.Locale;

/** The end-of-run summary printed to the terminal. */
public final class TextReport {

    private TextReport() {
    }

    public static void print(PrintWriter out, LoadResult r, Sla.Verdict verdict, CapacityPlan plan) {
        out.printf(Locale.ROOT, "%nscenario %s, %s model%s, steady state %.1f s%n", r.scenario(), r.model(),
                r.model().equals("open") ? String.format(Locale.ROOT, " at %.0f req/s", r.targetRate())
                        : " with " + r.users() + " users", r.steadySeconds());
        out.printf(Locale.ROOT, "requests %d, achieved %.1f req/s, errors %d (%.3f %%), late %d, dropped %d%n",
                r.requests(), r.achievedRate(), r.errors(), r.errorRate() * 100, r.late(), r.dropped());
        latency(out, "latency (ms, from intended start)", r.corrected());
        if (r.model().equals("open")) {
            latency(out, "latency (ms, uncorrected)        ", r.uncorrected());
        }
        if (!r.errorsByKind().isEmpty()) {
            out.println("errors by kind:");
            new java.util.TreeMap<>(r.errorsByKind()).forEach((k, v) -> out.printf(Locale.ROOT, "  %-30s %d%n", k, v));
        }
        if (plan != null) {
            out.printf(Locale.ROOT, "capacity (%s): %.3f ms CPU per request -> %.2f cores for %.0f req/s at %.0f %% CPU%n",
                    plan.source(), plan.cpuMsPerRequest(), plan.coresNeeded(), plan.targetRate(), plan.ceiling() * 100);
        }
        out.println("SLA " + verdict);
        out.flush();
    }

    private static void latency(PrintWriter out, String label, Percentiles p) {
        out.printf(Locale.ROOT, "%s p50 %.2f  p90 %.2f  p95 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", label,
                p.p50(), p.p90(), p.p95(), p.p99(), p.p999(), p.max());
    }

    /** The live line: rewritten in place with a carriage return. */
    public static String progressLine(TimelinePoint point, long errorsPerSecond) {
        return String.format(Locale.ROOT, "\r%6.0f s  %8.0f req/s  p99 %8.2f ms  errors %d/s   ", point.elapsedSeconds(),
                point.ratePerSecond(), point.p99Ms(), errorsPerSecond);
    }
}
