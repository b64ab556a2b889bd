package io.keel.governor.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.keel.governor.OperationStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One agent's meters, created once at registration so the hot path only records (no registry
 * look-ups): {@code keel.operations.completed{agent,status}}, {@code keel.operation.duration{agent}} and
 * {@code keel.operation.queue.wait{agent}}, the timers with p50/p95/p99 and a histogram for Prometheus.
 */
final class AgentMeters {

    private final Map<OperationStatus, Counter> completed = new EnumMap<>(OperationStatus.class);
    private final Timer duration;
    private final Timer queueWait;

    AgentMeters(MeterRegistry registry, String agent) {
        for (OperationStatus s : OperationStatus.values()) {
            if (s.isTerminal()) {
                completed.put(s, Counter.builder("keel.operations.completed")
                        .description("Operations that reached a terminal state")
                        .tag("agent", agent).tag("status", s.name()).register(registry));
            }
        }
        duration = Timer.builder("keel.operation.duration")
                .description("Run time of operations, first start to terminal state")
                .tag("agent", agent)
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .register(registry);
        queueWait = Timer.builder("keel.operation.queue.wait")
                .description("Time from submission to first start")
                .tag("agent", agent)
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .register(registry);
    }

    /** Bare permits are counted with function meters that read the agent's adders: nothing extra on the hot path. */
    static void bindPermits(MeterRegistry registry, AgentState agent) {
        FunctionCounter.builder("keel.permits.acquired", agent, AgentState::permitsGranted)
                .description("Bare permits granted").tag("agent", agent.name()).register(registry);
        FunctionTimer.builder("keel.permit.duration", agent, AgentState::permitsTimed, AgentState::permitNanos,
                        TimeUnit.NANOSECONDS)
                .description("Time bare permits were held (when permit timing is on)").tag("agent", agent.name())
                .register(registry);
    }

    void completed(OperationStatus status) {
        completed.get(status).increment();
    }

    void duration(long nanos) {
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    void queueWait(long nanos) {
        queueWait.record(nanos, TimeUnit.NANOSECONDS);
    }
}
