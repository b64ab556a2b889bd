package io.keel.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keel.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AgentPoolTest {

    private final ManualClock clock = new ManualClock();
    private final List<Object> destroyed = new CopyOnWriteArrayList<>();

    private AgentPoolBuilder pool(int capacity) {
        return AgentPool.builder("echo").factory(new InstanceFactory() {
            @Override
            public Object create(String id) {
                return "agent:" + id;
            }

            @Override
            public void destroy(Object target) {
                destroyed.add(target);
            }
        }).capacityPerInstance(capacity).nanoClock(clock);
    }

    @Test
    void leasesCarryTheInstanceAndItsTarget() {
        AgentPool p = pool(2).build();
        String id = p.addInstance();
        PoolLease lease = p.acquire();
        assertThat(lease.instanceId()).isEqualTo(id);
        assertThat(lease.target()).isEqualTo("agent:" + id);
        assertThat(p.status().busy()).isEqualTo(1);
        lease.release(true, Duration.ofMillis(3), null);
        lease.release(false, Duration.ofMillis(3), null);
        assertThat(p.status().busy()).as("a second release is ignored").isZero();
        assertThat(p.status().members().get(0).failed()).isZero();
    }

    @Test
    void refusesWithASnapshotWhenEverySlotIsTaken() {
        AgentPool p = pool(2).build();
        p.resize(2);
        for (int i = 0; i < 4; i++) {
            p.acquire();
        }
        assertThatThrownBy(p::acquire).isInstanceOf(NoInstanceException.class)
                .hasMessageContaining("agent 'echo' has no instance free")
                .hasMessageContaining("instances=2, ready=2, ejected=0, busy=4/4");
    }

    @Test
    void drainingLetsInFlightWorkFinishThenTheInstanceLeaves() {
        AgentPool p = pool(4).build();
        String a = p.addInstance();
        PoolLease running = p.acquire();
        CompletableFuture<Void> gone = p.unregister(a);
        assertThat(p.status().members().get(0).state()).isEqualTo(InstanceState.DRAINING);
        assertThat(p.size()).isZero();
        assertThatThrownBy(p::acquire).as("a draining instance takes no new work")
                .isInstanceOf(NoInstanceException.class);
        assertThat(gone).isNotDone();
        running.release(true, Duration.ofMillis(1), null);
        assertThat(gone).isCompleted();
        assertThat(p.status().members()).isEmpty();
        assertThat(destroyed).containsExactly("agent:" + a);
    }

    @Test
    void resizeGrowsFromTheFactoryAndDrainsTheIdlestFirst() {
        AgentPool p = pool(1).balancer(Balancer.roundRobin()).build();
        p.resize(3);
        assertThat(p.size()).isEqualTo(3);
        PoolLease busy = p.acquire();
        p.resize(1);
        assertThat(p.size()).isEqualTo(1);
        assertThat(p.status().members()).filteredOn(m -> m.state() == InstanceState.READY)
                .extracting(InstanceStatus::id).containsExactly(busy.instanceId());
        assertThat(destroyed).hasSize(2);
    }

    @Test
    void endpointPoolsCannotGrowThemselves() {
        AgentPool p = AgentPool.builder("remote").build();
        p.register(Endpoint.of("http://127.0.0.1:1", 1));
        assertThatThrownBy(() -> p.resize(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no instance factory");
    }

    @Test
    void slowStartRampsANewInstanceFromATenthOfItsCapacity() {
        AgentPool p = pool(20).slowStart(Duration.ofSeconds(100)).build();
        p.addInstance();
        List<PoolLease> held = new ArrayList<>();
        while (true) {
            try {
                held.add(p.acquire());
            } catch (NoInstanceException e) {
                break;
            }
        }
        assertThat(held).hasSize(2);
        clock.advance(Duration.ofSeconds(50));
        while (true) {
            try {
                held.add(p.acquire());
            } catch (NoInstanceException e) {
                break;
            }
        }
        assertThat(held).hasSize(11);
        clock.advance(Duration.ofSeconds(50));
        while (true) {
            try {
                held.add(p.acquire());
            } catch (NoInstanceException e) {
                break;
            }
        }
        assertThat(held).hasSize(20);
    }

    @Test
    void theStrategyCanBeSwitchedAtRunTime() {
        AgentPool p = pool(10).balancer(Balancer.roundRobin()).build();
        p.resize(2);
        PoolLease first = p.acquire();
        p.useBalancer(Balancer.leastConnections());
        assertThat(p.status().strategy()).isEqualTo(BalancerStrategy.LEAST_CONNECTIONS);
        PoolLease second = p.acquire();
        assertThat(second.instanceId()).as("least connections takes the idle one").isNotEqualTo(first.instanceId());
        for (int i = 0; i < 4; i++) {
            PoolLease a = p.acquire();
            PoolLease b = p.acquire();
            assertThat(a.instanceId()).as("one each, pair %d", i).isNotEqualTo(b.instanceId());
        }
        assertThat(Balancer.of(BalancerStrategy.RESPONSE_TIME).strategy()).isEqualTo(BalancerStrategy.RESPONSE_TIME);
    }

    @Test
    void weightedRoundRobinFollowsWeightsOfEndpoints() {
        AgentPool p = AgentPool.builder("w").balancer(Balancer.weightedRoundRobin()).nanoClock(clock).build();
        String heavy = p.register(new Endpoint(java.net.URI.create("http://127.0.0.1:1"), 100, 3));
        String light = p.register(new Endpoint(java.net.URI.create("http://127.0.0.1:2"), 100, 1));
        Map<String, Integer> picks = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            PoolLease l = p.acquire();
            picks.merge(l.instanceId(), 1, Integer::sum);
            l.release(true, Duration.ofMillis(1), null);
        }
        assertThat(picks).containsEntry(heavy, 30).containsEntry(light, 10);
    }

    @Test
    void resourceBasedPrefersTheInstanceWithTheMostHeadroom() {
        AgentPool p = pool(10).balancer(Balancer.resourceBased()).build();
        String hot = p.addInstance();
        String cool = p.addInstance();
        p.reportLoad(hot, new ResourceLoad(0.9, 0.4));
        p.reportLoad(cool, new ResourceLoad(0.2, 0.3));
        for (int i = 0; i < 5; i++) {
            assertThat(p.acquire().instanceId()).isEqualTo(cool);
        }
        assertThat(ScalingSignals.of(p.status(), 0).cpu()).isCloseTo(0.55, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void anEmptyPoolCallsItsWakeHookBeforeGivingUp() {
        AgentPool p = pool(1).build();
        p.onEmpty(() -> p.resize(1));
        assertThat(p.acquire().target()).asString().startsWith("agent:");
    }

    @Test
    void recordsMetrics() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AgentPool p = pool(3).meterRegistry(registry).build();
        p.resize(2);
        p.acquire().release(true, Duration.ofMillis(2), null);
        p.acquire();
        assertThat(registry.get("keel.pool.instances").tag("state", "READY").gauge().value()).isEqualTo(2);
        assertThat(registry.get("keel.pool.busy").gauge().value()).isEqualTo(1);
        assertThat(registry.get("keel.pool.capacity").gauge().value()).isEqualTo(6);
        assertThat(registry.get("keel.pool.acquired").counter().count()).isEqualTo(2);
        assertThat(registry.get("keel.pool.attempts").tag("outcome", "success").timer().count()).isEqualTo(1);
    }

    @Test
    void badSettingsAreRefusedQuotingTheValue() {
        assertThatThrownBy(() -> AgentPool.builder("x").capacityPerInstance(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0");
        assertThatThrownBy(() -> Endpoint.of("http://h", 0)).hasMessageContaining("not 0");
        assertThatThrownBy(() -> new OutlierDetection(0, 0.5, 10, 5, Duration.ofSeconds(1), Duration.ofSeconds(2), 50))
                .hasMessageContaining("not 0");
    }
}
