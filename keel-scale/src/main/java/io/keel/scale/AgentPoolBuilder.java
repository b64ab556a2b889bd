package io.keel.scale;

import io.keel.scale.internal.DefaultAgentPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/** Builds an {@link AgentPool}; every setting has a default except the name. */
public final class AgentPoolBuilder {

    final String name;
    InstanceFactory factory;
    int capacityPerInstance = 1;
    int weight = 1;
    Balancer balancer = Balancer.leastConnections();
    OutlierDetection outlierDetection = OutlierDetection.defaults();
    CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.defaults();
    Duration slowStart = Duration.ZERO;
    Duration latencyDecay = Duration.ofSeconds(1);
    HealthCheck healthCheck;
    ScheduledExecutorService healthScheduler;
    HttpClient httpClient;
    LongSupplier nanoClock = System::nanoTime;
    MeterRegistry registry = new CompositeMeterRegistry();

    AgentPoolBuilder(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("pool name must not be blank, not '" + name + "'");
        }
        this.name = name;
    }

    /** Makes in-process instances; without one the pool holds only registered endpoints. */
    public AgentPoolBuilder factory(InstanceFactory factory) {
        this.factory = Objects.requireNonNull(factory);
        return this;
    }

    /** Slots of each factory-made instance (endpoints carry their own); default 1. */
    public AgentPoolBuilder capacityPerInstance(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacityPerInstance must be at least 1, not " + capacity);
        }
        this.capacityPerInstance = capacity;
        return this;
    }

    /** Weight of each factory-made instance; default 1. */
    public AgentPoolBuilder weight(int weight) {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, not " + weight);
        }
        this.weight = weight;
        return this;
    }

    public AgentPoolBuilder balancer(Balancer balancer) {
        this.balancer = Objects.requireNonNull(balancer);
        return this;
    }

    /** Null disables outlier ejection. */
    public AgentPoolBuilder outlierDetection(OutlierDetection outlierDetection) {
        this.outlierDetection = outlierDetection;
        return this;
    }

    /** Null disables the circuit breaker. */
    public AgentPoolBuilder circuitBreaker(CircuitBreakerConfig circuitBreaker) {
        this.circuitBreaker = circuitBreaker;
        return this;
    }

    /** New instances ramp from 10 % to full capacity and weight over this time; zero (default) disables. */
    public AgentPoolBuilder slowStart(Duration slowStart) {
        if (slowStart.isNegative()) {
            throw new IllegalArgumentException("slowStart must not be negative, not " + slowStart);
        }
        this.slowStart = slowStart;
        return this;
    }

    /**
     * Time constant of the latency EWMA (response-time balancing); default 1 s. Shorter forgives a
     * latency spike sooner: the loopback benchmark (2–5 ms agents) does best near 250 ms.
     */
    public AgentPoolBuilder latencyDecay(Duration decay) {
        if (decay.isNegative() || decay.isZero()) {
            throw new IllegalArgumentException("latencyDecay must be positive, not " + decay);
        }
        this.latencyDecay = decay;
        return this;
    }

    /**
     * Active health checks of registered endpoints, run on the scheduler every interval (pass null to
     * run them only through {@link AgentPool#probeNow()}).
     */
    public AgentPoolBuilder healthCheck(HealthCheck check, ScheduledExecutorService scheduler) {
        this.healthCheck = Objects.requireNonNull(check);
        this.healthScheduler = scheduler;
        return this;
    }

    public AgentPoolBuilder httpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client);
        return this;
    }

    public AgentPoolBuilder nanoClock(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock);
        return this;
    }

    public AgentPoolBuilder meterRegistry(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
        return this;
    }

    public AgentPool build() {
        return new DefaultAgentPool(new DefaultAgentPool.Settings(name, factory, capacityPerInstance, weight,
                balancer, outlierDetection, circuitBreaker, slowStart, latencyDecay, healthCheck, healthScheduler,
                httpClient, nanoClock, registry));
    }
}
