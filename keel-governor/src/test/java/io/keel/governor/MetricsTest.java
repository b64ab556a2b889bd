package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MetricsTest {

    @Test
    void completedDurationQueueWaitAndGaugesAreRecordedPerAgent() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Governor governor = Governor.builder().meterRegistry(registry).limits(Limits.defaults().withMaxConcurrency(1)).build();
        governor.registerAgent(AgentSpec.io("echo"));
        Gate gate = new Gate();
        governor.submit(OperationSpec.builder("echo", gate.task(0)).estimatedBytes(Limits.MB).build());
        governor.submit(OperationSpec.builder("echo", ctx -> 1).build());
        await().until(() -> gate.inside() == 1);
        assertThat(registry.get("keel.governor.running").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("keel.governor.queued").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("keel.governor.reserved.bytes").gauge().value()).isEqualTo((double) Limits.MB);
        gate.open();
        GovernorInvariants.assertQuiet(governor);
        assertThat(registry.get("keel.operations.completed").tags("agent", "echo", "status", "SUCCEEDED").counter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("keel.operation.duration").tag("agent", "echo").timer().count()).isEqualTo(2);
        assertThat(registry.get("keel.operation.queue.wait").tag("agent", "echo").timer().count()).isEqualTo(2);
        assertThat(registry.get("keel.operation.duration").tag("agent", "echo").timer().takeSnapshot().percentileValues())
                .hasSize(3);
        GovernorInvariants.assertShutdownClean(governor);
    }
}
