package io.keel.scale.internal;

import io.keel.scale.Balancer;
import io.keel.scale.BalancerStrategy;
import io.keel.scale.Candidates;
import io.keel.scale.ResourceLoad;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Resource-based balancing: the instance whose scarcest resource is the least used, among reported
 * CPU, reported memory and in-flight load (the last is all an instance that never reported has).
 * Always a full scan: reported loads change slowly, so sampling would gain little. Stateless.
 */
public final class ResourceBalancer extends ScanOrSample implements Balancer {

    public ResourceBalancer() {
        super(Integer.MAX_VALUE, ThreadLocalRandom::current);
    }

    @Override
    public BalancerStrategy strategy() {
        return BalancerStrategy.RESOURCE_BASED;
    }

    @Override
    double cost(Candidates c, int index) {
        double load = c.load(index);
        ResourceLoad reported = c.get(index).reportedLoad();
        return reported == null ? load : Math.max(load, Math.max(reported.cpu(), reported.memory()));
    }
}
