package io.keel.scale;

import java.util.concurrent.CompletableFuture;

/**
 * The instances of one agent type, and where its next attempt runs.
 *
 * <pre>{@code
 * AgentPool pool = AgentPool.builder("summarise").factory(id -> new Summariser()).capacityPerInstance(4)
 *         .balancer(Balancer.leastConnections()).build();
 * pool.resize(3);
 * PoolLease lease = pool.acquire();
 * try { ... run on lease.target() ... lease.release(true, took, null); }
 * catch (Exception e) { lease.release(false, took, e); }
 * }</pre>
 */
public interface AgentPool extends AutoCloseable {

    static AgentPoolBuilder builder(String name) {
        return new AgentPoolBuilder(name);
    }

    String name();

    /**
     * Reserves a slot on the instance the balancer picks.
     *
     * @throws CircuitOpenException when the agent type's circuit is open
     * @throws NoInstanceException  when no instance is ready with a free slot
     */
    PoolLease acquire();

    /** Adds a remote instance; with health checks it starts STARTING until its probes pass. */
    String register(Endpoint endpoint);

    /** Adds one instance from the pool's factory. */
    String addInstance();

    /**
     * Drains an instance: it takes no new work and leaves when its in-flight work has finished.
     *
     * @return completes when it has left
     */
    CompletableFuture<Void> unregister(String instanceId);

    /** Grows (from the factory) or drains (idlest first) to this many instances; returns at once. */
    void resize(int instances);

    /** Instances not draining. */
    int size();

    void useBalancer(Balancer balancer);

    Balancer balancer();

    /** Records the load an instance reports about itself (resource-based balancing reads it). */
    void reportLoad(String instanceId, ResourceLoad load);

    /** Runs one round of active health checks now and waits for it. */
    void probeNow();

    CircuitBreaker circuitBreaker();

    /**
     * Called when an attempt finds the pool empty (scaled to zero), before it gives up: pass an
     * autoscaler's {@link Autoscaler#wake()} so the first operation wakes the pool.
     */
    void onEmpty(Runnable wake);

    PoolStatus status();

    /** This pool as the target of an autoscaler: its size is its instance count. */
    Scaler scaler();

    /** Stops health checks; instances stay as they are. */
    @Override
    void close();
}
