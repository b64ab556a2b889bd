package io.keel.scale;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tracks what each agent type costs (I10): instance time integrated over the instance count, request
 * and token counts, and busy time for efficiency.
 *
 * <p>Thread-safe. Request counters are adders (the hot path takes no lock); instance time is
 * accrued under a per-type lock when the count changes or a report is made, so it is exact for a
 * piecewise-constant instance count.
 */
public final class CostTracker {

    private static final double HOURS_PER_MONTH = 730;

    /**
     * @param simplePromptTokens requests with at most this many tokens count as simple prompts
     * @param idleAfter          instances with no request for this long are idle
     * @param lowEfficiency      below this efficiency a pool is over-provisioned…
     * @param targetEfficiency   …and this is the efficiency the suggested size aims for
     * @param minObservation     no recommendation before this much history
     */
    public record Settings(long simplePromptTokens, Duration idleAfter, double lowEfficiency, double targetEfficiency,
                           Duration minObservation) {
        public Settings {
            if (simplePromptTokens < 0) {
                throw new IllegalArgumentException("simplePromptTokens must not be negative, not " + simplePromptTokens);
            }
            if (!(lowEfficiency > 0 && lowEfficiency < targetEfficiency && targetEfficiency <= 1)) {
                throw new IllegalArgumentException("need 0 < lowEfficiency < targetEfficiency <= 1, not "
                        + lowEfficiency + " and " + targetEfficiency);
            }
            if (idleAfter.isNegative() || minObservation.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + idleAfter + ", " + minObservation);
            }
        }

        /** 200-token simple prompts, 30 min idle, over-provisioned below 30 % aiming at 70 %, 10 min history. */
        public static Settings defaults() {
            return new Settings(200, Duration.ofMinutes(30), 0.3, 0.7, Duration.ofMinutes(10));
        }
    }

    private final class Type {
        final String name;
        volatile CostModel model;
        final LongAdder requests = new LongAdder();
        final LongAdder tokens = new LongAdder();
        final LongAdder simpleRequests = new LongAdder();
        final LongAdder simpleTokens = new LongAdder();
        final DoubleAdder busySeconds = new DoubleAdder();
        final AtomicLong lastRequestMillis;
        final ReentrantLock lock = new ReentrantLock();
        final Instant since;
        int instances;
        int slots = 1;
        Instant accruedTo;
        double instanceSeconds;
        double slotSeconds;

        Type(String name, CostModel model, Instant now) {
            this.name = name;
            this.model = model;
            this.since = now;
            this.accruedTo = now;
            this.lastRequestMillis = new AtomicLong(now.toEpochMilli());
        }

        /** Caller holds the lock. */
        void accrue(Instant now) {
            double seconds = Math.max(0, Duration.between(accruedTo, now).toNanos() / 1e9);
            instanceSeconds += instances * seconds;
            slotSeconds += (double) instances * slots * seconds;
            if (now.isAfter(accruedTo)) {
                accruedTo = now;
            }
        }
    }

    private final InstantSource clock;
    private final Settings settings;
    private final Map<String, Type> types = new ConcurrentHashMap<>();

    public CostTracker(InstantSource clock) {
        this(clock, Settings.defaults());
    }

    public CostTracker(InstantSource clock, Settings settings) {
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
    }

    /** Sets (or replaces) the cost model of an agent type; tracking of the type starts now. */
    public void model(String agent, CostModel model) {
        Objects.requireNonNull(model);
        types.compute(agent, (k, t) -> {
            if (t == null) {
                return new Type(agent, model, clock.instant());
            }
            t.model = model;
            return t;
        });
    }

    /** The type's instance count from now on (call on every resize). */
    public void instances(String agent, int count, int slotsPerInstance) {
        if (count < 0 || slotsPerInstance < 1) {
            throw new IllegalArgumentException("bad instance count " + count + " x " + slotsPerInstance + " slots");
        }
        Type t = type(agent);
        t.lock.lock();
        try {
            t.accrue(clock.instant());
            t.instances = count;
            t.slots = slotsPerInstance;
        } finally {
            t.lock.unlock();
        }
    }

    /** One finished operation: how long it held a slot and how many tokens it used (0 if none). */
    public void recordRequest(String agent, Duration busy, long tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must not be negative, not " + tokens);
        }
        Type t = type(agent);
        t.requests.increment();
        t.tokens.add(tokens);
        if (tokens > 0 && tokens <= settings.simplePromptTokens()) {
            t.simpleRequests.increment();
            t.simpleTokens.add(tokens);
        }
        t.busySeconds.add(busy.toNanos() / 1e9);
        t.lastRequestMillis.accumulateAndGet(clock.millis(), Math::max);
    }

    private Type type(String agent) {
        Type t = types.get(agent);
        if (t == null) {
            throw new IllegalArgumentException("no cost model for agent '" + agent + "'");
        }
        return t;
    }

    public CostReport report() {
        Instant now = clock.instant();
        List<AgentCost> agents = new ArrayList<>();
        List<CostRecommendation> recommendations = new ArrayList<>();
        types.values().stream().sorted((a, b) -> a.name.compareTo(b.name)).forEach(t -> {
            AgentCost cost = cost(t, now);
            agents.add(cost);
            recommend(t, cost, now, recommendations);
        });
        double total = agents.stream().mapToDouble(AgentCost::total).sum();
        double monthly = agents.stream().mapToDouble(AgentCost::monthlyProjection).sum();
        return new CostReport(now, total, monthly, agents, recommendations);
    }

    private AgentCost cost(Type t, Instant now) {
        int instances;
        double instanceSeconds;
        double slotSeconds;
        t.lock.lock();
        try {
            t.accrue(now);
            instances = t.instances;
            instanceSeconds = t.instanceSeconds;
            slotSeconds = t.slotSeconds;
        } finally {
            t.lock.unlock();
        }
        CostModel m = t.model;
        long requests = t.requests.sum();
        long tokens = t.tokens.sum();
        double hours = instanceSeconds / 3600;
        double instanceCost = hours * m.perInstanceHour();
        double requestCost = requests * m.perRequest();
        double tokenCost = tokens * m.perToken();
        double total = instanceCost + requestCost + tokenCost;
        double efficiency = slotSeconds == 0 ? 0 : Math.min(1, t.busySeconds.sum() / slotSeconds);
        double elapsedHours = Duration.between(t.since, now).toNanos() / 3.6e12;
        double variablePerHour = elapsedHours == 0 ? 0 : (requestCost + tokenCost) / elapsedHours;
        double monthly = (instances * m.perInstanceHour() + variablePerHour) * HOURS_PER_MONTH;
        return new AgentCost(t.name, instances, requests, tokens, hours, instanceCost, requestCost, tokenCost, total,
                requests == 0 ? 0 : total / requests, efficiency, monthly);
    }

    private void recommend(Type t, AgentCost c, Instant now, List<CostRecommendation> out) {
        Duration observed = Duration.between(t.since, now);
        if (observed.compareTo(settings.minObservation()) < 0) {
            return;
        }
        CostModel m = t.model;
        Duration quiet = Duration.ofMillis(now.toEpochMilli() - t.lastRequestMillis.get());
        if (c.instances() > 0 && quiet.compareTo(settings.idleAfter()) >= 0) {
            out.add(new CostRecommendation(CostRecommendation.Kind.IDLE_INSTANCES, t.name, String.format(
                    "%d instance(s) of '%s' had no request for %d min: scale to zero or remove them",
                    c.instances(), t.name, quiet.toMinutes()), c.instances() * m.perInstanceHour() * HOURS_PER_MONTH));
        } else if (c.instances() > 1 && c.efficiency() < settings.lowEfficiency()) {
            int suggested = Math.max(1, (int) Math.ceil(c.instances() * c.efficiency() / settings.targetEfficiency()));
            out.add(new CostRecommendation(CostRecommendation.Kind.OVER_PROVISIONED, t.name, String.format(
                    "'%s' uses %.0f %% of its %d instance(s): %d would run at %.0f %%", t.name, c.efficiency() * 100,
                    c.instances(), suggested, settings.targetEfficiency() * 100),
                    (c.instances() - suggested) * m.perInstanceHour() * HOURS_PER_MONTH));
        }
        long simple = t.simpleRequests.sum();
        if (m.cheaperModel() != null && c.requests() > 0 && simple * 2 >= c.requests()) {
            double hours = observed.toNanos() / 3.6e12;
            double saving = t.simpleTokens.sum() * (m.perToken() - m.cheaperPerToken()) / hours * HOURS_PER_MONTH;
            out.add(new CostRecommendation(CostRecommendation.Kind.CHEAPER_MODEL, t.name, String.format(
                    "%d of %d prompts to '%s' have at most %d tokens: route them to '%s'", simple, c.requests(),
                    t.name, settings.simplePromptTokens(), m.cheaperModel()), saving));
        }
    }
}
