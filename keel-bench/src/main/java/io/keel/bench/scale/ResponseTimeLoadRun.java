package io.keel.bench.scale;

import io.keel.scale.AgentPool;
import io.keel.scale.Balancer;
import io.keel.scale.Endpoint;
import io.keel.scale.NoInstanceException;
import io.keel.scale.PoolLease;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Response-time balancing against round robin over real HTTP: five loopback stub agents, one ten
 * times slower than the others, the same closed-loop load (clients × requests) through each strategy,
 * alternating rounds in one run. Reports p50/p99/max of the client-seen latency and the p99 ratio.
 *
 * <pre>
 * ./mvnw -B -q -o -pl keel-bench -am package -DskipTests
 * $JAVA_HOME/bin/java -cp "keel-bench/target/classes:$(cat keel-bench/target/classpath.txt)" \
 *     io.keel.bench.scale.ResponseTimeLoadRun [clients=8] [requests=2000] [rounds=2] [fastMs=5] [decayMs=250]
 * </pre>
 */
public final class ResponseTimeLoadRun {

    private static Duration decay;

    private ResponseTimeLoadRun() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long fastMs = args.length > 3 ? Long.parseLong(args[3]) : 5;
        decay = Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : 250);
        List<StubAgentServer> stubs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stubs.add(new StubAgentServer(fastMs));
        }
        stubs.add(new StubAgentServer(fastMs * 10));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            Histogram rr = new Histogram(60_000_000_000L, 3);
            Histogram rt = new Histogram(60_000_000_000L, 3);
            int[] slowShare = new int[2];
            // warm-up: connections, JIT
            run(pool(Balancer.roundRobin(), stubs), http, clients, requests / 4, new Histogram(3), null);
            for (int round = 0; round < rounds; round++) {
                slowShare[0] += run(pool(Balancer.roundRobin(), stubs), http, clients, requests, rr, stubs.getLast());
                slowShare[1] += run(pool(Balancer.responseTime(), stubs), http, clients, requests, rt, stubs.getLast());
            }
            System.out.printf("clients=%d requests/strategy=%d rounds=%d fast=%dms slow=%dms latencyDecay=%s%n",
                    clients, requests * rounds, rounds, fastMs, fastMs * 10, decay);
            print("round robin", rr, slowShare[0], requests * rounds);
            print("response time", rt, slowShare[1], requests * rounds);
            System.out.printf("p99 ratio response-time / round-robin = %.3f%n",
                    (double) rt.getValueAtPercentile(99) / rr.getValueAtPercentile(99));
        } finally {
            stubs.forEach(StubAgentServer::close);
        }
    }

    private static void print(String name, Histogram h, int slow, int total) {
        System.out.printf("%-14s p50=%6.2f ms  p99=%6.2f ms  max=%7.2f ms  slow agent share=%.1f %%%n", name,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6,
                100.0 * slow / total);
    }

    private static AgentPool pool(Balancer balancer, List<StubAgentServer> stubs) {
        AgentPool pool = AgentPool.builder("bench").balancer(balancer).latencyDecay(decay).build();
        for (StubAgentServer s : stubs) {
            pool.register(new Endpoint(s.uri(), 64, 1));
        }
        return pool;
    }

    /** @return requests the slow agent served */
    private static int run(AgentPool pool, HttpClient http, int clients, int requests, Histogram latencies,
                           StubAgentServer slow) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger onSlow = new AtomicInteger();
        String slowUri = slow == null ? "" : slow.uri().toString();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(callers.submit(() -> {
                    while (next.getAndIncrement() < requests) {
                        long start = System.nanoTime();
                        PoolLease lease;
                        try {
                            lease = pool.acquire();
                        } catch (NoInstanceException e) {
                            continue;
                        }
                        if (lease.target().toString().equals(slowUri)) {
                            onSlow.incrementAndGet();
                        }
                        boolean ok = false;
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                    ((URI) lease.target()).resolve("/work")).build(), HttpResponse.BodyHandlers.ofString());
                            ok = r.statusCode() == 200;
                        } finally {
                            long took = System.nanoTime() - start;
                            lease.release(ok, Duration.ofNanos(took), null);
                            synchronized (latencies) {
                                latencies.recordValue(took);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return onSlow.get();
    }
}
