package io.keel.server.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.governor.AgentSpec;
import io.keel.governor.OperationTask;

/** {@code fail} ({@code {"message"}}): always fails; the record's error message is exactly the one given. */
public final class FailAgent implements BuiltInAgent {

    static final String DEFAULT_MESSAGE = "failed on purpose";

    private static final AgentSpec SPEC = AgentSpec.io("fail");

    @Override
    public AgentSpec spec() {
        return SPEC;
    }

    @Override
    public OperationTask<Object> task(JsonNode input) {
        Inputs.requireObject(input);
        Inputs.onlyFields(input, "message");
        String message = Inputs.textField(input, "message", DEFAULT_MESSAGE, 10_000);
        return context -> {
            throw new AgentFailedException(message);
        };
    }

    /** The failure the {@code fail} agent raises; its message is the caller's, untouched. */
    public static final class AgentFailedException extends RuntimeException {
        public AgentFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
