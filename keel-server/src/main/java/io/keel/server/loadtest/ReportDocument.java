package io.keel.server.loadtest;

import java.util.List;

/** Everything a saved report (JSON or HTML) holds: the runs, their verdicts, the find-max outcome and the plan. */
public record ReportDocument(LoadResult result, Sla sla, Sla.Verdict verdict, CapacityPlan capacity,
                             Double findMaxRate, List<FindMaxStep> findMaxSteps) {

    /** A find-max step, flattened for the report. */
    public record FindMaxStep(double rate, double achievedRate, double p95Ms, double errorRate, boolean passed) {
        static FindMaxStep of(FindMax.Step step) {
            return new FindMaxStep(step.rate(), step.result().achievedRate(), step.result().corrected().p95(),
                    step.result().errorRate(), step.verdict().passed());
        }
    }

    public static List<FindMaxStep> steps(FindMax.Outcome outcome) {
        return outcome == null ? List.of() : outcome.steps().stream().map(FindMaxStep::of).toList();
    }
}
