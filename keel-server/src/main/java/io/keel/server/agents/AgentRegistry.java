package io.keel.server.agents;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.keel.governor.Governor;

/**
 * The agents this server can run, by name. Built-ins are fixed at start; {@link #add} registers more at run time
 * (remote agents). The map is immutable and swapped whole under a lock, so readers never lock.
 */
public final class AgentRegistry {

    private volatile Map<String, BuiltInAgent> agents;
    private final java.util.concurrent.locks.ReentrantLock addLock = new java.util.concurrent.locks.ReentrantLock();
    private volatile AgentExtension extension;
    private final java.util.Set<String> builtIn;

    private AgentRegistry(Map<String, BuiltInAgent> agents) {
        this.agents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(agents));
        this.builtIn = java.util.Set.copyOf(agents.keySet());
    }

    /** Whether the agent ships with the server (not added at run time). */
    public boolean isBuiltIn(String name) {
        return builtIn.contains(name);
    }

    /** Adds an agent at run time; false when the name is taken. Register its spec with the governor first. */
    public boolean add(BuiltInAgent agent) {
        addLock.lock();
        try {
            if (agents.containsKey(agent.name())) {
                return false;
            }
            Map<String, BuiltInAgent> next = new LinkedHashMap<>(agents);
            next.put(agent.name(), agent);
            agents = java.util.Collections.unmodifiableMap(next);
            return true;
        } finally {
            addLock.unlock();
        }
    }

    /** Installs what registers agents over the API and describes their pools (the scale feature). */
    public void extension(AgentExtension value) {
        this.extension = value;
    }

    /** The installed extension, or null. */
    public AgentExtension extension() {
        return extension;
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
