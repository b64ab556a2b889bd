package io.keel.scale;

/**
 * What an agent type costs, in one generic currency unit.
 *
 * @param perInstanceHour  each instance, per hour it exists
 * @param perRequest       each operation
 * @param perToken         each token (LLM agents; 0 otherwise)
 * @param cheaperModel     a cheaper model that would do for simple prompts, or null
 * @param cheaperPerToken  that model's price per token
 */
public record CostModel(double perInstanceHour, double perRequest, double perToken, String cheaperModel,
                        double cheaperPerToken) {

    public CostModel {
        check("perInstanceHour", perInstanceHour);
        check("perRequest", perRequest);
        check("perToken", perToken);
        check("cheaperPerToken", cheaperPerToken);
        if (cheaperModel != null && cheaperPerToken >= perToken) {
            throw new IllegalArgumentException("cheaper model '" + cheaperModel + "' must cost less per token than "
                    + perToken + ", not " + cheaperPerToken);
        }
    }

    public static CostModel of(double perInstanceHour, double perRequest, double perToken) {
        return new CostModel(perInstanceHour, perRequest, perToken, null, 0);
    }

    public CostModel withCheaperModel(String model, double perToken) {
        return new CostModel(perInstanceHour, perRequest, this.perToken, model, perToken);
    }

    private static void check(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a non-negative number, not " + v);
        }
    }
}
