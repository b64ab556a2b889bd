package io.keel.server.agents;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.keel.governor.Governor;

/** The agents this server can run, by name. Immutable once built; registering agents at run time comes later. */
public final class AgentRegistry {

    private final Map<String, BuiltInAgent> agents;

    private AgentRegistry(Map<String, BuiltInAgent> agents) {
        this.agents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(agents));
    }

    /** echo, sleep, cpu and fail. */
    public static AgentRegistry builtIns() {
        return of(new EchoAgent(), new SleepAgent(), new CpuAgent(), new FailAgent());
    }

    public static AgentRegistry of(BuiltInAgent... agents) {
        Map<String, BuiltInAgent> byName = new LinkedHashMap<>();
        for (BuiltInAgent agent : agents) {
            if (byName.putIfAbsent(agent.name(), agent) != null) {
                throw new IllegalArgumentException("agent '" + agent.name() + "' registered twice");
            }
        }
        return new AgentRegistry(byName);
    }

    public Optional<BuiltInAgent> find(String name) {
        return Optional.ofNullable(agents.get(name));
    }

    public Collection<BuiltInAgent> all() {
        return agents.values();
    }

    /** Registers every agent's spec with the governor. */
    public void registerWith(Governor governor) {
        agents.values().forEach(agent -> governor.registerAgent(agent.spec()));
    }
}
