package io.keel.server.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Finds the highest arrival rate that holds the SLA: multiply the rate by {@code growth} until a step breaks it,
 * then bisect between the last rate that held and the first that broke until they are within {@code precision}
 * (relative) or the step budget is spent. Every step is one short run, so the total time is bounded by
 * {@code maxSteps} × (ramp-up + duration).
 */
public final class FindMax {

    /** One probed rate and its verdict. */
    public record Step(double rate, LoadResult result, Sla.Verdict verdict) {
    }

    /** The highest rate that held (0 when even the first failed), the first that broke (0 if none did), every step. */
    public record Outcome(double maxRate, double brokenRate, List<Step> steps) {
    }

    private final Sla sla;
    private final double growth;
    private final double precision;
    private final int maxSteps;

    public FindMax(Sla sla, double growth, double precision, int maxSteps) {
        if (!(growth > 1)) {
            throw new IllegalArgumentException("growth: must be > 1, was '" + growth + "'");
        }
        if (!(precision > 0 && precision < 1)) {
            throw new IllegalArgumentException("precision: must be in (0, 1), was '" + precision + "'");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps: must be >= 1, was '" + maxSteps + "'");
        }
        this.sla = sla;
        this.growth = growth;
        this.precision = precision;
        this.maxSteps = maxSteps;
    }

    public static FindMax defaults(Sla sla) {
        return new FindMax(sla, 1.5, 0.05, 12);
    }

    /** Probes rates starting at {@code startRate}; {@code runAt} runs one step at the given rate. */
    public Outcome search(double startRate, DoubleFunction<LoadResult> runAt, java.util.function.Consumer<Step> onStep) {
        List<Step> steps = new ArrayList<>();
        double good = 0;
        double bad = 0;
        double rate = startRate;
        while (steps.size() < maxSteps) {
            Step step = probe(rate, runAt);
            steps.add(step);
            onStep.accept(step);
            if (step.verdict().passed()) {
                good = rate;
                if (bad == 0) {
                    rate = rate * growth;
                    continue;
                }
            } else {
                bad = rate;
                if (good == 0 && rate > 1) {
                    rate = Math.max(1, rate / growth);
                    continue;
                }
            }
            if (good == 0 || bad - good <= precision * good) {
                break;
            }
            rate = (good + bad) / 2;
        }
        return new Outcome(good, bad, List.copyOf(steps));
    }

    private Step probe(double rate, DoubleFunction<LoadResult> runAt) {
        LoadResult result = runAt.apply(rate);
        return new Step(rate, result, sla.judge(result));
    }
}
