package io.keel.scale;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a pool's scaling history: what the autoscaler saw, what it wanted, and what it did.
 *
 * @param from        size before
 * @param to          size after ({@code == from} when held)
 * @param recommended what the metrics asked for, after min/max
 * @param applied     true when the size changed
 * @param reason      why, in words ("utilisation 0.95 > target 0.70", "held: cooldown", …)
 * @param inputs      the signals and per-metric proposals behind it
 */
public record ScalingDecision(Instant at, String pool, int from, int to, int recommended, boolean applied,
                              String reason, Map<String, Double> inputs) {

    public ScalingDecision {
        inputs = Map.copyOf(inputs);
    }

    public String direction() {
        return to > from ? "up" : to < from ? "down" : "none";
    }
}
