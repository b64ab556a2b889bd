package io.keel.scale.internal;

import io.keel.scale.InstanceState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/** The keel.pool.* meters of one pool; gauges read the live membership when scraped. */
final class PoolMetrics {

    private final Counter acquired;
    private final Counter noInstance;
    private final Counter circuitOpen;
    private final Counter ejections;
    private final Timer succeeded;
    private final Timer failed;

    PoolMetrics(MeterRegistry registry, String pool, Supplier<Members> members) {
        for (InstanceState state : InstanceState.values()) {
            Gauge.builder("keel.pool.instances", members,
                            m -> Arrays.stream(m.get().array()).filter(x -> x.state() == state).count())
                    .tag("pool", pool).tag("state", state.name()).description("instances by state")
                    .register(registry);
        }
        Gauge.builder("keel.pool.busy", members, m -> Arrays.stream(m.get().array()).mapToInt(Member::inFlight).sum())
                .tag("pool", pool).description("attempts in flight").register(registry);
        Gauge.builder("keel.pool.capacity", members, m -> Arrays.stream(m.get().array())
                        .filter(x -> x.state() == InstanceState.READY).mapToInt(Member::capacity).sum())
                .tag("pool", pool).description("slots on ready instances").register(registry);
        acquired = Counter.builder("keel.pool.acquired").tag("pool", pool).register(registry);
        noInstance = Counter.builder("keel.pool.rejected").tag("pool", pool).tag("reason", "no_instance")
                .register(registry);
        circuitOpen = Counter.builder("keel.pool.rejected").tag("pool", pool).tag("reason", "circuit_open")
                .register(registry);
        ejections = Counter.builder("keel.pool.ejections").tag("pool", pool).register(registry);
        succeeded = Timer.builder("keel.pool.attempts").tag("pool", pool).tag("outcome", "success").register(registry);
        failed = Timer.builder("keel.pool.attempts").tag("pool", pool).tag("outcome", "failure").register(registry);
    }

    void acquired() {
        acquired.increment();
    }

    void noInstance() {
        noInstance.increment();
    }

    void circuitOpen() {
        circuitOpen.increment();
    }

    void ejected() {
        ejections.increment();
    }

    void finished(boolean success, Duration duration) {
        (success ? succeeded : failed).record(duration);
    }
}
