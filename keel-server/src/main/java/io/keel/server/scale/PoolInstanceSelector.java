package io.keel.server.scale;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.keel.governor.InstanceLease;
import io.keel.governor.InstanceSelector;
import io.keel.governor.NoInstanceAvailableException;
import io.keel.governor.OperationSpec;
import io.keel.scale.AgentPool;
import io.keel.scale.CostTracker;
import io.keel.scale.NoInstanceException;
import io.keel.scale.PoolLease;

/**
 * Agent pools as the governor's instance selector: every attempt runs on the instance its pool's balancer picks,
 * and its outcome feeds the pool (in-flight counts, latency, outlier ejection, circuit breaker) and the costs.
 *
 * <p>Thread-safe: pools are looked up in a concurrent map filled before their agent is registered, so an attempt
 * never sees an agent without its pool; agents without a pool run locally. Costs are adders, lock-free.
 */
public final class PoolInstanceSelector implements InstanceSelector {

    private final Map<String, AgentPool> pools = new ConcurrentHashMap<>();
    private final InstanceSelector fallback = InstanceSelector.local();
    private volatile CostTracker costs;

    public void add(AgentPool pool) {
        pools.put(pool.name(), pool);
    }

    AgentPool pool(String agent) {
        return pools.get(agent);
    }

    public void costs(CostTracker tracker) {
        this.costs = tracker;
    }

    @Override
    public InstanceLease select(OperationSpec<?> spec) {
        AgentPool pool = pools.get(spec.agent());
        if (pool == null) {
            return fallback.select(spec);
        }
        PoolLease lease;
        try {
            lease = pool.acquire();
        } catch (NoInstanceException e) { // CircuitOpenException included
            throw new NoInstanceAvailableException(e.getMessage());
        }
        String agent = spec.agent();
        return new InstanceLease() {
            @Override
            public String instanceId() {
                return lease.instanceId();
            }

            @Override
            public Object target() {
                return lease.target();
            }

            @Override
            public void release(Outcome outcome) {
                Duration took = outcome.duration() == null ? Duration.ZERO : outcome.duration();
                lease.release(outcome.succeeded(), took, outcome.error());
                CostTracker tracker = costs;
                if (tracker != null) {
                    try {
                        tracker.recordRequest(agent, took, 0);
                    } catch (IllegalArgumentException noModel) {
                        // an agent registered without a cost model costs nothing
                    }
                }
            }
        };
    }
}
