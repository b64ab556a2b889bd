package io.keel.server.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.keel.governor.AgentStats;
import io.keel.governor.ExecutionKind;
import io.keel.governor.Governor;
import io.keel.governor.GovernorBuilder;
import io.keel.scale.AgentPool;
import io.keel.scale.Autoscaler;
import io.keel.scale.Balancer;
import io.keel.scale.BalancerStrategy;
import io.keel.scale.CostModel;
import io.keel.scale.CostTracker;
import io.keel.scale.Endpoint;
import io.keel.scale.HealthCheck;
import io.keel.scale.ScalabilityReport;
import io.keel.scale.ScalingDecision;
import io.keel.scale.ScalingPolicy;
import io.keel.scale.ScalingSignals;
import io.keel.server.agents.AgentExtension;
import io.keel.server.agents.AgentRegistry;
import io.keel.server.agents.BuiltInAgent;
import io.keel.server.feature.FeatureContext;
import io.keel.server.feature.ServerFeature;
import io.keel.server.http.ErrorHandling;
import io.keel.server.http.ProblemException;
import io.keel.server.http.ProblemType;
import io.keel.server.json.Json;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Agent pools, autoscaling and costs in the server (issue 6). Every agent gets a pool the governor selects
 * instances from: built-in agents an in-process pool of logical instances, remote agents (registered with
 * {@code POST /api/v1/agents}) a pool of HTTP endpoints with health probes and outlier ejection. One
 * maintenance job ({@value #JOB}) runs every autoscaler once per period and brings the costs' instance
 * counts up to date; {@code /api/v1/scaling} and {@code /api/v1/costs} report.
 *
 * <p>Thread-safety: pools and autoscalers live in concurrent maps; registration takes {@code registerLock} so two
 * requests for one name cannot both win, and a pool is in the selector before its agent can receive work.
 */
public final class ScaleFeature implements ServerFeature, AgentExtension {

    /** The maintenance job that evaluates the autoscalers. */
    public static final String JOB = "scale-autoscale";

    static final Duration PERIOD = Duration.ofSeconds(5);
    private static final int BUILT_IN_MAX_INSTANCES = 4;
    private static final int RECENT_DECISIONS = 20;

    private final MeterRegistry registry;
    private final PoolInstanceSelector selector = new PoolInstanceSelector();
    private final Map<String, AgentPool> pools = new ConcurrentHashMap<>();
    private final Map<String, Autoscaler> autoscalers = new ConcurrentHashMap<>();
    private final Map<String, Integer> slotsPerInstance = new ConcurrentHashMap<>();
    private final ReentrantLock registerLock = new ReentrantLock();
    private final ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("keel-scale-probes").daemon(true).factory());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Governor governor;
    private volatile AgentRegistry agents;
    private volatile InstantSource clock = InstantSource.system();
    private volatile CostTracker costs;

    public ScaleFeature(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public void configureGovernor(GovernorBuilder builder) {
        builder.instanceSelector(selector);
    }

    @Override
    public void start(FeatureContext context) {
        this.governor = context.governor();
        this.agents = context.agents();
        this.clock = context.clock();
        this.costs = new CostTracker(clock);
        selector.costs(costs);
        for (BuiltInAgent agent : agents.all()) {
            startBuiltIn(agent);
        }
        agents.extension(this);
        context.scheduler().register(JOB, PERIOD, this::evaluate);
    }

    /** In-process pool: its instances are logical slots of this JVM, each as wide as the agent's cap. */
    private void startBuiltIn(BuiltInAgent agent) {
        String name = agent.name();
        int slots = Math.max(1, maxConcurrency(name));
        AgentPool pool = AgentPool.builder(name).factory(id -> agent).capacityPerInstance(slots)
                .balancer(Balancer.of(BalancerStrategy.LEAST_CONNECTIONS))
                // a built-in's failures are its answer (fail agent), not a sick instance: no ejection, no circuit
                .outlierDetection(null).circuitBreaker(null).meterRegistry(registry).build();
        pool.resize(1);
        ScalingPolicy policy = ScalingPolicy.custom().instances(1, BUILT_IN_MAX_INSTANCES)
                .targetQueuePerInstance(5).period(PERIOD).build();
        Autoscaler autoscaler = Autoscaler.forPool(pool, policy, () -> queued(name)).clock(clock)
                .meterRegistry(registry).build();
        pool.onEmpty(autoscaler::wake);
        boolean cpu = agent.spec().kind() == ExecutionKind.CPU;
        track(name, pool, autoscaler, slots, cpu ? CostModel.of(0.10, 0.00005, 0) : CostModel.of(0.02, 0.00001, 0));
    }

    private void track(String name, AgentPool pool, Autoscaler autoscaler, int slots, CostModel model) {
        pools.put(name, pool);
        autoscalers.put(name, autoscaler);
        slotsPerInstance.put(name, slots);
        selector.add(pool);
        costs.model(name, model);
        costs.instances(name, pool.size(), slots);
    }

    @Override
    public String register(JsonNode body) {
        RemoteAgentRequest request = RemoteAgentRequest.parse(body);
        String name = request.name();
        registerLock.lock();
        try {
            if (agents.find(name).isPresent() || pools.containsKey(name)) {
                throw new ProblemException(ProblemType.AGENT_EXISTS, "name: agent '" + name + "' already exists");
            }
            ScalingPolicy policy;
            try {
                policy = ScalingPolicy.custom().instances(request.minInstances(), request.maxInstances())
                        .targetQueuePerInstance(5).period(PERIOD).build();
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("maxInstances", e.getMessage());
            }
            AgentPool pool = AgentPool.builder(name).balancer(Balancer.of(request.strategy()))
                    .healthCheck(new HealthCheck("/health", Duration.ofSeconds(5), Duration.ofSeconds(2), 1, 3), probes)
                    .httpClient(client).meterRegistry(registry).build();
            for (URI endpoint : request.endpoints()) {
                pool.register(new Endpoint(endpoint, request.maxConcurrency(), 1));
            }
            pool.probeNow();
            AdvisoryScaler scaler = new AdvisoryScaler(request.endpoints().size());
            Autoscaler autoscaler = Autoscaler.builder(name, policy).scaler(scaler)
                    .signals(() -> ScalingSignals.of(pool.status(), queued(name))).clock(clock)
                    .meterRegistry(registry).build();
            track(name, pool, autoscaler, request.maxConcurrency(), CostModel.of(0.05, 0.0001, 0));
            RemoteAgent agent = new RemoteAgent(name, request.maxConcurrency(), client, Duration.ofSeconds(30));
            governor.registerAgent(agent.spec());
            agents.add(agent);
            return name;
        } finally {
            registerLock.unlock();
        }
    }

    @Override
    public Map<String, Object> describe(String name) {
        AgentPool pool = pools.get(name);
        if (pool == null) {
            return Map.of();
        }
        var status = pool.status();
        Autoscaler autoscaler = autoscalers.get(name);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("strategy", status.strategy().name());
        policy.put("capacityPerInstance", slotsPerInstance.getOrDefault(name, 1));
        if (autoscaler != null) {
            policy.put("minInstances", autoscaler.policy().minInstances());
            policy.put("maxInstances", autoscaler.policy().maxInstances());
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("instances", pool.size());
        view.put("busy", status.busy());
        view.put("policy", policy);
        return view;
    }

    /** The maintenance job: one autoscaler step per pool, then the costs learn the new sizes. */
    String evaluate() {
        int decisions = 0;
        for (Map.Entry<String, Autoscaler> entry : autoscalers.entrySet()) {
            ScalingDecision decision = entry.getValue().evaluate();
            if (decision != null) {
                decisions++;
            }
            String name = entry.getKey();
            costs.instances(name, pools.get(name).size(), slotsPerInstance.getOrDefault(name, 1));
        }
        return decisions + " scaling decision(s) over " + autoscalers.size() + " pool(s)";
    }

    private int queued(String agent) {
        AgentStats stats = governor.stats().perAgent().get(agent);
        return stats == null ? 0 : stats.queued();
    }

    private int maxConcurrency(String agent) {
        AgentStats stats = governor.stats().perAgent().get(agent);
        return stats == null ? governor.limits().maxConcurrencyPerAgent() : stats.maxConcurrency();
    }

    ScalabilityReport report() {
        return ScalabilityReport.of(clock, List.copyOf(pools.values()), List.copyOf(autoscalers.values()), costs,
                RECENT_DECISIONS);
    }

    @Override
    public void routes(HttpRouting.Builder routing) {
        routing.get("/api/v1/scaling", (req, res) -> send(res, ScaleViews.scaling(report())))
                .any("/api/v1/scaling", ErrorHandling.methodNotAllowed(Method.GET))
                .get("/api/v1/costs", (req, res) -> send(res, costs.report()))
                .any("/api/v1/costs", ErrorHandling.methodNotAllowed(Method.GET));
    }

    private static void send(io.helidon.webserver.http.ServerResponse res, Object body) {
        res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, Json.APPLICATION_JSON);
        res.send(Json.bytes(body));
    }

    @Override
    public void close() {
        autoscalers.values().forEach(Autoscaler::close);
        pools.values().forEach(AgentPool::close);
        probes.shutdownNow();
        client.close();
    }
}
