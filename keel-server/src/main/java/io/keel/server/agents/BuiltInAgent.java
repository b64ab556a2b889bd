package io.keel.server.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.governor.AgentSpec;
import io.keel.governor.OperationTask;

/**
 * An agent that ships inside the server. It checks its input before anything is admitted, so a bad field
 * is a 400 at the door rather than a FAILED operation.
 */
public interface BuiltInAgent {

    AgentSpec spec();

    default String name() {
        return spec().name();
    }

    /**
     * @param input the operation's {@code input}, an empty object when the request had none
     * @return the work to run; its result must be JSON-serialisable
     * @throws InvalidInputException naming the bad field
     */
    OperationTask<Object> task(JsonNode input);

    /**
     * Whether equal inputs always give equal results, so a result may be cached and answered again without a
     * run. False unless the agent says so.
     */
    default boolean deterministic() {
        return false;
    }
}
