package io.keel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The bare permit: same limits, no record, never waits, never overtakes queued work. */
class PermitTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Governor governor = Governor.builder().meterRegistry(registry).timePermits(true)
            .limits(Limits.defaults().withMaxConcurrency(2).withMemoryBudgetBytes(10 * Limits.MB)).build();

    PermitTest() {
        governor.registerAgent(AgentSpec.io("hot"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        GovernorInvariants.assertQuiet(governor);
        GovernorInvariants.assertShutdownClean(governor);
    }

    @Test
    void permitsCountAgainstConcurrencyAndBytesAndComeBackOnClose() {
        Permit a = governor.tryAcquirePermit("hot", 6 * Limits.MB);
        assertThat(a).isNotNull();
        assertThat(governor.tryAcquirePermit("hot", 6 * Limits.MB)).as("bytes do not fit").isNull();
        Permit b = governor.tryAcquirePermit("hot", 0);
        assertThat(governor.tryAcquirePermit("hot", 0)).as("global cap").isNull();
        assertThat(governor.stats().running()).isEqualTo(2);
        assertThat(governor.stats().liveOperations()).isZero();
        a.close();
        a.close();
        b.close();
        assertThat(governor.stats().running()).isZero();
        assertThat(registry.get("keel.permits.acquired").functionCounter().count()).isEqualTo(2.0);
        assertThat(registry.get("keel.permit.duration").functionTimer().count()).isEqualTo(2.0);
    }

    @Test
    void permitNeverOvertakesQueuedWorkAndItsReleaseStartsIt() {
        Permit p1 = governor.tryAcquirePermit("hot", 0);
        Permit p2 = governor.tryAcquirePermit("hot", 0);
        Operation<String> queued = governor.submit(OperationSpec.builder("hot", ctx -> "ran").build());
        p1.close();
        assertThat(queued.result().join()).isEqualTo("ran");
        await().until(() -> governor.stats().running() == 1);
        p2.close();
    }

    @Test
    void unknownAgentIsRefused() {
        assertThatThrownBy(() -> governor.tryAcquirePermit("ghost", 0)).isInstanceOf(UnknownAgentException.class);
    }
}
