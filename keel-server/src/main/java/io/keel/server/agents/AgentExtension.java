package io.keel.server.agents;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What a capability adds to the agents API: registering agents at run time and describing their pools. */
public interface AgentExtension {

    /**
     * Registers the agent a {@code POST /api/v1/agents} body describes.
     *
     * @return the new agent's name
     * @throws RuntimeException a problem naming the bad field (the HTTP layer maps it)
     */
    String register(JsonNode body);

    /** Fields replacing or joining an agent's view ({@code instances}, {@code busy}, {@code policy} entries). */
    Map<String, Object> describe(String name);
}
