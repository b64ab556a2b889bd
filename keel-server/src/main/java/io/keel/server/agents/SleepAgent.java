package io.keel.server.agents;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.governor.AgentSpec;
import io.keel.governor.OperationTask;

/**
 * {@code sleep} ({@code {"ms":N,"steps":K}}): waits N ms in K equal steps, reporting each step. Stops at
 * the next step boundary once cancelled, and at once when interrupted.
 */
public final class SleepAgent implements BuiltInAgent {

    static final long MAX_MS = 24L * 3600 * 1000;
    static final long MAX_STEPS = 10_000;

    private static final AgentSpec SPEC = AgentSpec.io("sleep");

    @Override
    public AgentSpec spec() {
        return SPEC;
    }

    @Override
    public OperationTask<Object> task(JsonNode input) {
        Inputs.requireObject(input);
        Inputs.onlyFields(input, "ms", "steps");
        long ms = Inputs.longField(input, "ms", 1000, 0, MAX_MS);
        int steps = (int) Inputs.longField(input, "steps", 1, 1, MAX_STEPS);
        return context -> {
            long base = ms / steps;
            long remainder = ms % steps;
            for (int i = 1; i <= steps; i++) {
                context.checkCancelled();
                context.progress().report("sleep " + i + "/" + steps, i, steps, 100.0 * (i - 1) / steps);
                Thread.sleep(base + (i <= remainder ? 1 : 0));
            }
            context.progress().report("done", steps, steps, 100.0);
            return Map.of("sleptMs", ms, "steps", steps);
        };
    }
}
