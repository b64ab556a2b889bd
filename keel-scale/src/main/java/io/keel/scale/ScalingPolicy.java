package io.keel.scale;

import java.time.Duration;

/**
 * How one pool scales (I8). Immutable; build with {@link #custom()} or start from {@link #ofDefaults()}.
 *
 * <p>Each period the autoscaler proposes, per metric with a target, {@code ceil(ready × value / target)}
 * (queue depth: {@code ceil(queued / targetQueuePerInstance)}), ignoring a metric within the tolerance
 * band of its target, and takes the largest; in predictive mode also the size the forecast load one
 * horizon ahead needs. It then clamps to min/max, stabilises (scale up to the lowest, down to the
 * highest recommendation within the window), limits the step, and respects the cooldowns.
 */
public final class ScalingPolicy {

    private final int minInstances;
    private final int maxInstances;
    private final double targetUtilisation;
    private final double targetQueuePerInstance;
    private final double targetCpu;
    private final double targetMemory;
    private final double tolerance;
    private final Duration period;
    private final int scaleUpMaxInstances;
    private final int scaleUpMaxPercent;
    private final int scaleDownMaxInstances;
    private final int scaleDownMaxPercent;
    private final Duration scaleUpStabilisation;
    private final Duration scaleDownStabilisation;
    private final Duration scaleUpCooldown;
    private final Duration scaleDownCooldown;
    private final boolean scaleToZero;
    private final Duration idleBeforeZero;
    private final boolean predictive;
    private final Duration predictionHorizon;

    private ScalingPolicy(Builder b) {
        this.minInstances = b.minInstances;
        this.maxInstances = b.maxInstances;
        this.targetUtilisation = b.targetUtilisation;
        this.targetQueuePerInstance = b.targetQueuePerInstance;
        this.targetCpu = b.targetCpu;
        this.targetMemory = b.targetMemory;
        this.tolerance = b.tolerance;
        this.period = b.period;
        this.scaleUpMaxInstances = b.scaleUpMaxInstances;
        this.scaleUpMaxPercent = b.scaleUpMaxPercent;
        this.scaleDownMaxInstances = b.scaleDownMaxInstances;
        this.scaleDownMaxPercent = b.scaleDownMaxPercent;
        this.scaleUpStabilisation = b.scaleUpStabilisation;
        this.scaleDownStabilisation = b.scaleDownStabilisation;
        this.scaleUpCooldown = b.scaleUpCooldown;
        this.scaleDownCooldown = b.scaleDownCooldown;
        this.scaleToZero = b.scaleToZero;
        this.idleBeforeZero = b.idleBeforeZero;
        this.predictive = b.predictive;
        this.predictionHorizon = b.predictionHorizon == null ? b.scaleDownCooldown : b.predictionHorizon;
    }

    public static Builder custom() {
        return new Builder();
    }

    public static ScalingPolicy ofDefaults() {
        return custom().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.minInstances = minInstances;
        b.maxInstances = maxInstances;
        b.targetUtilisation = targetUtilisation;
        b.targetQueuePerInstance = targetQueuePerInstance;
        b.targetCpu = targetCpu;
        b.targetMemory = targetMemory;
        b.tolerance = tolerance;
        b.period = period;
        b.scaleUpMaxInstances = scaleUpMaxInstances;
        b.scaleUpMaxPercent = scaleUpMaxPercent;
        b.scaleDownMaxInstances = scaleDownMaxInstances;
        b.scaleDownMaxPercent = scaleDownMaxPercent;
        b.scaleUpStabilisation = scaleUpStabilisation;
        b.scaleDownStabilisation = scaleDownStabilisation;
        b.scaleUpCooldown = scaleUpCooldown;
        b.scaleDownCooldown = scaleDownCooldown;
        b.scaleToZero = scaleToZero;
        b.idleBeforeZero = idleBeforeZero;
        b.predictive = predictive;
        b.predictionHorizon = predictionHorizon;
        return b;
    }

    public int minInstances() { return minInstances; }
    public int maxInstances() { return maxInstances; }
    public double targetUtilisation() { return targetUtilisation; }
    /** NaN when queue depth does not drive scaling. */
    public double targetQueuePerInstance() { return targetQueuePerInstance; }
    /** NaN when CPU does not drive scaling. */
    public double targetCpu() { return targetCpu; }
    /** NaN when memory does not drive scaling. */
    public double targetMemory() { return targetMemory; }
    public double tolerance() { return tolerance; }
    public Duration period() { return period; }
    public int scaleUpMaxInstances() { return scaleUpMaxInstances; }
    public int scaleUpMaxPercent() { return scaleUpMaxPercent; }
    public int scaleDownMaxInstances() { return scaleDownMaxInstances; }
    public int scaleDownMaxPercent() { return scaleDownMaxPercent; }
    public Duration scaleUpStabilisation() { return scaleUpStabilisation; }
    public Duration scaleDownStabilisation() { return scaleDownStabilisation; }
    public Duration scaleUpCooldown() { return scaleUpCooldown; }
    public Duration scaleDownCooldown() { return scaleDownCooldown; }
    public boolean scaleToZero() { return scaleToZero; }
    public Duration idleBeforeZero() { return idleBeforeZero; }
    public boolean predictive() { return predictive; }
    public Duration predictionHorizon() { return predictionHorizon; }

    /** Largest step up from {@code current} in one period. */
    public int maxStepUp(int current) {
        return Math.max(scaleUpMaxInstances, (int) Math.ceil(current * scaleUpMaxPercent / 100.0));
    }

    /** Largest step down from {@code current} in one period. */
    public int maxStepDown(int current) {
        return Math.max(scaleDownMaxInstances, current * scaleDownMaxPercent / 100);
    }

    @Override
    public String toString() {
        return "ScalingPolicy[min=" + minInstances + ", max=" + maxInstances + ", targetUtilisation="
                + targetUtilisation + ", targetQueuePerInstance=" + targetQueuePerInstance + ", tolerance="
                + tolerance + ", period=" + period + ", predictive=" + predictive + ", scaleToZero=" + scaleToZero
                + "]";
    }

    /** Defaults: 1..10 instances, 70 % utilisation, 10 % tolerance, 15 s period, up by max(4, 100 %) and
     * down by max(1, 20 %) per period, 5 min down stabilisation, 1 min down cooldown. */
    public static final class Builder {
        private int minInstances = 1;
        private int maxInstances = 10;
        private double targetUtilisation = 0.7;
        private double targetQueuePerInstance = Double.NaN;
        private double targetCpu = Double.NaN;
        private double targetMemory = Double.NaN;
        private double tolerance = 0.1;
        private Duration period = Duration.ofSeconds(15);
        private int scaleUpMaxInstances = 4;
        private int scaleUpMaxPercent = 100;
        private int scaleDownMaxInstances = 1;
        private int scaleDownMaxPercent = 20;
        private Duration scaleUpStabilisation = Duration.ZERO;
        private Duration scaleDownStabilisation = Duration.ofMinutes(5);
        private Duration scaleUpCooldown = Duration.ZERO;
        private Duration scaleDownCooldown = Duration.ofMinutes(1);
        private boolean scaleToZero;
        private Duration idleBeforeZero = Duration.ofMinutes(10);
        private boolean predictive;
        private Duration predictionHorizon;

        private Builder() {
        }

        public Builder instances(int min, int max) {
            if (min < 0) {
                throw new IllegalArgumentException("minInstances must not be negative, not " + min);
            }
            if (max < Math.max(1, min)) {
                throw new IllegalArgumentException("maxInstances must be at least max(1, minInstances), not " + max);
            }
            this.minInstances = min;
            this.maxInstances = max;
            return this;
        }

        public Builder targetUtilisation(double target) {
            this.targetUtilisation = fraction("targetUtilisation", target);
            return this;
        }

        public Builder targetQueuePerInstance(double target) {
            if (!(target > 0)) {
                throw new IllegalArgumentException("targetQueuePerInstance must be positive, not " + target);
            }
            this.targetQueuePerInstance = target;
            return this;
        }

        public Builder targetCpu(double target) {
            this.targetCpu = fraction("targetCpu", target);
            return this;
        }

        public Builder targetMemory(double target) {
            this.targetMemory = fraction("targetMemory", target);
            return this;
        }

        /** Metrics within this share of their target cause no scaling (per pool; HPA's is global). */
        public Builder tolerance(double tolerance) {
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be within [0, 1), not " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        public Builder period(Duration period) {
            this.period = positive("period", period);
            return this;
        }

        public Builder scaleUpStep(int maxInstances, int maxPercent) {
            this.scaleUpMaxInstances = step("scaleUp", maxInstances, maxPercent);
            this.scaleUpMaxPercent = maxPercent;
            return this;
        }

        public Builder scaleDownStep(int maxInstances, int maxPercent) {
            this.scaleDownMaxInstances = step("scaleDown", maxInstances, maxPercent);
            this.scaleDownMaxPercent = maxPercent;
            return this;
        }

        public Builder stabilisation(Duration up, Duration down) {
            this.scaleUpStabilisation = notNegative("scaleUpStabilisation", up);
            this.scaleDownStabilisation = notNegative("scaleDownStabilisation", down);
            return this;
        }

        /** Least time since the last scaling before scaling up / down again. */
        public Builder cooldown(Duration up, Duration down) {
            this.scaleUpCooldown = notNegative("scaleUpCooldown", up);
            this.scaleDownCooldown = notNegative("scaleDownCooldown", down);
            return this;
        }

        /** Lets the pool go to zero instances after it has been idle this long; min must be 0. */
        public Builder scaleToZero(Duration idleBeforeZero) {
            this.scaleToZero = true;
            this.idleBeforeZero = notNegative("idleBeforeZero", idleBeforeZero);
            return this;
        }

        /** Also sizes for the forecast load this far ahead (default: the scale-down cooldown). */
        public Builder predictive(Duration horizon) {
            this.predictive = true;
            this.predictionHorizon = horizon == null ? null : positive("predictionHorizon", horizon);
            return this;
        }

        public ScalingPolicy build() {
            if (scaleToZero && minInstances != 0) {
                throw new IllegalStateException("scaleToZero needs minInstances 0, not " + minInstances);
            }
            if (!scaleToZero && minInstances == 0) {
                throw new IllegalStateException("minInstances 0 needs scaleToZero(idle time)");
            }
            return new ScalingPolicy(this);
        }

        private static double fraction(String name, double v) {
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException(name + " must be within (0, 1], not " + v);
            }
            return v;
        }

        private static Duration positive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, not " + d);
            }
            return d;
        }

        private static Duration notNegative(String name, Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, not " + d);
            }
            return d;
        }

        private static int step(String name, int instances, int percent) {
            if (instances < 1) {
                throw new IllegalArgumentException(name + " max instances must be at least 1, not " + instances);
            }
            if (percent < 0) {
                throw new IllegalArgumentException(name + " max percent must not be negative, not " + percent);
            }
            return instances;
        }
    }
}
