package io.keel.scale;

import java.util.List;

/**
 * A pool in a status report.
 *
 * @param instances instances not draining
 * @param ready     instances taking work
 * @param busy      attempts in flight
 * @param capacity  slots on ready instances
 */
public record PoolStatus(String name, BalancerStrategy strategy, CircuitState circuit, int instances, int ready,
                         int busy, int capacity, List<InstanceStatus> members) {

    public PoolStatus {
        members = List.copyOf(members);
    }
}
