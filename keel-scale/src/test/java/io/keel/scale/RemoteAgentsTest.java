package io.keel.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Five real stub agents on loopback, one slow and one failing, called over real HTTP through a pool. */
class RemoteAgentsTest {

    private static final int REQUESTS = 240;
    private static final int CONCURRENCY = 4;

    private final List<StubAgent> stubs = new ArrayList<>();
    private StubAgent slow;
    private StubAgent failing;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void startStubs() throws IOException {
        for (int i = 0; i < 3; i++) {
            stubs.add(new StubAgent(2, false));
        }
        slow = new StubAgent(40, false);
        failing = new StubAgent(0, true);
        stubs.add(slow);
        stubs.add(failing);
    }

    @AfterEach
    void stopStubs() {
        stubs.forEach(StubAgent::close);
    }

    private AgentPool pool(Balancer balancer) {
        // The run lasts about a second, so latency history should fade within a fraction of that: the
        // first call to each agent pays for its connection and would otherwise mark it slow for long.
        AgentPool pool = AgentPool.builder("remote").balancer(balancer).latencyDecay(Duration.ofMillis(200))
                .outlierDetection(new OutlierDetection(3, 0.5, 20, 10, Duration.ofMinutes(10), Duration.ofMinutes(10),
                        50))
                .build();
        for (StubAgent s : stubs) {
            pool.register(new Endpoint(s.uri(), 8, 1));
        }
        return pool;
    }

    /** Runs a bounded load through the pool; each attempt is one real HTTP call. */
    private void drive(AgentPool pool) throws Exception {
        stubs.forEach(s -> s.served.set(0));
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CONCURRENCY; c++) {
                done.add(clients.submit(() -> {
                    for (int i = 0; i < REQUESTS / CONCURRENCY; i++) {
                        call(pool);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private void call(AgentPool pool) throws Exception {
        PoolLease lease = pool.acquire();
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(((URI) lease.target()).resolve("/work")).build(),
                    HttpResponse.BodyHandlers.ofString());
            lease.release(r.statusCode() == 200, Duration.ofNanos(System.nanoTime() - start), null);
        } catch (IOException e) {
            lease.release(false, Duration.ofNanos(System.nanoTime() - start), e);
        }
    }

    @Test
    void theFailingAgentIsEjectedAndResponseTimeBalancingSendsTheSlowOneLessWork() throws Exception {
        AgentPool roundRobin = pool(Balancer.roundRobin());
        drive(roundRobin);
        int slowUnderRoundRobin = slow.served.get();
        int failingUnderRoundRobin = failing.served.get();

        AgentPool responseTime = pool(Balancer.responseTime());
        drive(responseTime);
        int slowUnderResponseTime = slow.served.get();
        int failingUnderResponseTime = failing.served.get();

        for (AgentPool p : List.of(roundRobin, responseTime)) {
            InstanceStatus f = p.status().members().stream()
                    .filter(m -> m.target().equals(failing.uri().toString())).findFirst().orElseThrow();
            assertThat(f.state()).isEqualTo(InstanceState.EJECTED);
            assertThat(f.ejections()).isEqualTo(1);
        }
        // Ejected after 3 failures in a row; attempts already in flight (at most the client count) may add a few.
        assertThat(failingUnderRoundRobin).isLessThanOrEqualTo(3 + CONCURRENCY);
        assertThat(failingUnderResponseTime).isLessThanOrEqualTo(3 + CONCURRENCY);
        // Round robin gives the slow agent its turn (a fifth: the failing one is skipped to the next).
        assertThat(slowUnderRoundRobin).isGreaterThanOrEqualTo(REQUESTS / 6);
        assertThat(slowUnderResponseTime).isLessThan(slowUnderRoundRobin / 2);
        assertThat(responseTime.status().busy()).isZero();
    }

    @Test
    void activeHealthChecksGateNewEndpointsAndTakeSickOnesOut() {
        AgentPool pool = AgentPool.builder("probed")
                .healthCheck(new HealthCheck("/health", Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 3), null)
                .build();
        StubAgent sick = stubs.get(0);
        sick.healthy = false;
        String sickId = pool.register(new Endpoint(sick.uri(), 2, 1));
        String okId = pool.register(new Endpoint(stubs.get(1).uri(), 2, 1));
        assertThat(state(pool, okId)).isEqualTo(InstanceState.STARTING);
        pool.probeNow();
        assertThat(state(pool, okId)).as("one pass of two").isEqualTo(InstanceState.STARTING);
        pool.probeNow();
        assertThat(state(pool, okId)).isEqualTo(InstanceState.READY);
        assertThat(state(pool, sickId)).isEqualTo(InstanceState.STARTING);
        InstanceStatus ok = pool.status().members().stream().filter(m -> m.id().equals(okId)).findFirst().orElseThrow();
        assertThat(ok.cpu()).isEqualTo(0.25);
        assertThat(ok.memory()).isEqualTo(0.5);

        stubs.get(1).healthy = false;
        pool.probeNow();
        pool.probeNow();
        assertThat(state(pool, okId)).isEqualTo(InstanceState.READY);
        pool.probeNow();
        assertThat(state(pool, okId)).isEqualTo(InstanceState.UNHEALTHY);
        stubs.get(1).healthy = true;
        pool.probeNow();
        pool.probeNow();
        assertThat(state(pool, okId)).isEqualTo(InstanceState.READY);

        sick.close();
        pool.probeNow(); // a refused connection is a failed probe, not an error
        assertThat(state(pool, sickId)).isEqualTo(InstanceState.STARTING);
    }

    private static InstanceState state(AgentPool pool, String id) {
        return pool.status().members().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow().state();
    }
}
