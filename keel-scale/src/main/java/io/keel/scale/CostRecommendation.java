package io.keel.scale;

/** Something that would cost less, with the estimated saving per month. */
public record CostRecommendation(Kind kind, String agent, String message, double monthlySaving) {

    public enum Kind {
        /** Far more capacity than the work uses. */
        OVER_PROVISIONED,
        /** Instances running with no work at all for a while. */
        IDLE_INSTANCES,
        /** Most prompts are short enough for a cheaper model. */
        CHEAPER_MODEL
    }
}
