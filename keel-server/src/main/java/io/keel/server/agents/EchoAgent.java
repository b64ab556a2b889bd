package io.keel.server.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.governor.AgentSpec;
import io.keel.governor.OperationTask;

/** {@code echo}: returns its input unchanged. I/O kind: it costs nothing but a virtual thread. */
public final class EchoAgent implements BuiltInAgent {

    private static final AgentSpec SPEC = AgentSpec.io("echo");

    @Override
    public AgentSpec spec() {
        return SPEC;
    }

    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public OperationTask<Object> task(JsonNode input) {
        return context -> input;
    }
}
