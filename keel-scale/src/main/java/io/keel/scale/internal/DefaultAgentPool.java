package io.keel.scale.internal;

import io.keel.scale.AgentPool;
import io.keel.scale.Balancer;
import io.keel.scale.CircuitBreaker;
import io.keel.scale.CircuitBreakerConfig;
import io.keel.scale.CircuitOpenException;
import io.keel.scale.Endpoint;
import io.keel.scale.HealthCheck;
import io.keel.scale.InstanceFactory;
import io.keel.scale.InstanceState;
import io.keel.scale.InstanceStatus;
import io.keel.scale.NoInstanceException;
import io.keel.scale.OutlierDetection;
import io.keel.scale.PoolLease;
import io.keel.scale.PoolStatus;
import io.keel.scale.ResourceLoad;
import io.keel.scale.Scaler;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The pool. Membership is an immutable {@link Members} snapshot behind an atomic reference: picks
 * read it without locks, and every change (join, leave, state change) swaps in a new one. Per-instance
 * counters live on {@link Member} (see its invariants). The balancer is swapped the same way, so a
 * strategy change takes effect on the next pick. Only {@link #resize} takes a lock, so that two
 * resizes do not both add or both drain; it never blocks on an attempt.
 *
 * <p>Acquire: circuit permission → balancer pick → reserve a slot (CAS); a lost race to a full
 * instance retries the pick a few times before refusing with a snapshot of the pool.
 */
public final class DefaultAgentPool implements AgentPool {

    public record Settings(String name, InstanceFactory factory, int capacityPerInstance, int weight,
                           Balancer balancer, OutlierDetection outlierDetection, CircuitBreakerConfig circuitBreaker,
                           Duration slowStart, Duration latencyDecay, HealthCheck healthCheck,
                           ScheduledExecutorService healthScheduler, HttpClient httpClient, LongSupplier nanoClock,
                           MeterRegistry registry) {
    }

    private static final int PICK_ATTEMPTS = 4;

    private final Settings settings;
    private final String name;
    private final LongSupplier nanoClock;
    private final AtomicReference<Members> members = new AtomicReference<>(Members.EMPTY);
    private final AtomicReference<Balancer> balancer;
    private final CircuitBreaker breaker;
    private final HealthProber prober;
    private final ScheduledFuture<?> probes;
    private final PoolMetrics metrics;
    private final AtomicLong sequence = new AtomicLong();
    private final ReentrantLock resizeLock = new ReentrantLock();
    private final long slowStartNanos;
    private final long decayNanos;
    private volatile Runnable onEmpty;

    public DefaultAgentPool(Settings settings) {
        this.settings = settings;
        this.name = settings.name();
        this.nanoClock = settings.nanoClock();
        this.balancer = new AtomicReference<>(settings.balancer());
        this.breaker = settings.circuitBreaker() == null ? CircuitBreaker.never()
                : CircuitBreaker.of(settings.circuitBreaker(), nanoClock);
        this.slowStartNanos = settings.slowStart().toNanos();
        this.decayNanos = settings.latencyDecay().toNanos();
        this.metrics = new PoolMetrics(settings.registry(), name, members::get);
        if (settings.healthCheck() != null) {
            HttpClient client = settings.httpClient() != null ? settings.httpClient()
                    : HttpClient.newBuilder().connectTimeout(settings.healthCheck().timeout()).build();
            this.prober = new HealthProber(settings.healthCheck(), client);
            long every = settings.healthCheck().interval().toNanos();
            this.probes = settings.healthScheduler() == null ? null
                    : settings.healthScheduler().scheduleWithFixedDelay(this::probeQuietly, every, every,
                    TimeUnit.NANOSECONDS);
        } else {
            this.prober = null;
            this.probes = null;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PoolLease acquire() {
        Runnable wake = onEmpty;
        if (wake != null && members.get().array().length == 0) {
            wake.run();
        }
        if (!breaker.tryAcquire()) {
            metrics.circuitOpen();
            throw new CircuitOpenException(name, "agent '" + name + "' fails fast: " + breaker);
        }
        boolean leased = false;
        try {
            for (int attempt = 0; attempt < PICK_ATTEMPTS; attempt++) {
                Pick pick = new Pick(members.get(), nanoClock.getAsLong(), slowStartNanos);
                int index = balancer.get().pick(pick);
                if (index < 0) {
                    break;
                }
                Member m = (Member) pick.get(index);
                if (m.tryReserve(pick.effectiveCapacity(index))) {
                    leased = true;
                    metrics.acquired();
                    return new Lease(m);
                }
                leaveIfDrained(m); // a reservation undone on a draining instance may have been its last
            }
        } finally {
            if (!leased) {
                breaker.release();
            }
        }
        metrics.noInstance();
        throw new NoInstanceException(name, "agent '" + name + "' has no instance free " + snapshot());
    }

    private String snapshot() {
        Member[] all = members.get().array();
        long now = nanoClock.getAsLong();
        int ready = 0;
        int ejected = 0;
        int busy = 0;
        int slots = 0;
        for (Member m : all) {
            busy += m.inFlight();
            if (m.baseState == InstanceState.READY) {
                if (m.ejectedAt(now)) {
                    ejected++;
                } else {
                    ready++;
                    slots += m.capacity();
                }
            }
        }
        return "(instances=" + all.length + ", ready=" + ready + ", ejected=" + ejected + ", busy=" + busy + "/"
                + slots + ", strategy=" + balancer.get().strategy() + ")";
    }

    /** Released exactly once; see {@link PoolLease}. */
    private final class Lease implements PoolLease {
        private final Member member;
        private final AtomicBoolean released = new AtomicBoolean();

        Lease(Member member) {
            this.member = member;
        }

        @Override
        public String instanceId() {
            return member.id;
        }

        @Override
        public Object target() {
            return member.target;
        }

        @Override
        public void release(boolean succeeded, Duration duration, Throwable error) {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            long now = nanoClock.getAsLong();
            long took = Math.max(0, duration.toNanos());
            member.ewma.updateAndGet(e -> e.with(took, now, decayNanos));
            (succeeded ? member.succeeded : member.failed).increment();
            member.inFlight.decrementAndGet();
            recordOutlier(member, succeeded, now);
            breaker.record(succeeded);
            metrics.finished(succeeded, duration);
            leaveIfDrained(member);
        }
    }

    private void recordOutlier(Member m, boolean succeeded, long now) {
        OutlierDetection config = settings.outlierDetection();
        if (config == null || m.ejectedAt(now)) {
            return; // late outcomes of an ejected instance say nothing new about it
        }
        while (true) {
            OutlierState s = m.outlier.get();
            if (succeeded && s.isSteadyHealthy()) {
                return; // the common case: a success changes nothing, so skip the allocation and the CAS
            }
            OutlierState next = s.with(!succeeded);
            boolean eject = next.consecutiveFailures() >= config.consecutiveFailures()
                    || (next.window().count() >= config.minimumRequests()
                    && next.window().failureRate() >= config.failureRate());
            if (eject && mayEject(config, now)) {
                next = s.ejected();
                if (m.outlier.compareAndSet(s, next)) {
                    m.ejectedUntilNanos = now + config.backoff(next.ejections()).toNanos();
                    metrics.ejected();
                    return;
                }
            } else if (m.outlier.compareAndSet(s, next)) {
                return;
            }
        }
    }

    private boolean mayEject(OutlierDetection config, long now) {
        Member[] all = members.get().array();
        int ejected = 0;
        for (Member x : all) {
            if (x.baseState == InstanceState.READY && x.ejectedAt(now)) {
                ejected++;
            }
        }
        int allowed = Math.max(1, all.length * config.maxEjectedPercent() / 100);
        return ejected < allowed;
    }

    @Override
    public String register(Endpoint endpoint) {
        String id = name + "-" + sequence.incrementAndGet();
        InstanceState initial = prober != null ? InstanceState.STARTING : InstanceState.READY;
        add(new Member(id, endpoint.uri(), true, endpoint.capacity(), endpoint.weight(), initial, nanoClock,
                outlierWindow()));
        return id;
    }

    @Override
    public String addInstance() {
        if (settings.factory() == null) {
            throw new IllegalStateException("pool '" + name + "' has no instance factory; register endpoints instead");
        }
        String id = name + "-" + sequence.incrementAndGet();
        Object target;
        try {
            target = settings.factory().create(id);
        } catch (Exception e) {
            throw new IllegalStateException("pool '" + name + "' could not create instance " + id + ": " + e, e);
        }
        add(new Member(id, target, false, settings.capacityPerInstance(), settings.weight(), InstanceState.READY,
                nanoClock, outlierWindow()));
        return id;
    }

    private int outlierWindow() {
        return settings.outlierDetection() == null ? 1 : settings.outlierDetection().window();
    }

    private void add(Member m) {
        members.updateAndGet(ms -> ms.plus(m));
    }

    @Override
    public CompletableFuture<Void> unregister(String instanceId) {
        Member m = members.get().find(instanceId);
        if (m == null) {
            throw new IllegalArgumentException("pool '" + name + "' has no instance '" + instanceId + "'");
        }
        drain(m);
        return m.gone;
    }

    private void drain(Member m) {
        m.baseState = InstanceState.DRAINING;
        members.updateAndGet(Members::bumped);
        leaveIfDrained(m);
    }

    /**
     * Whoever decrements in-flight (release, undone reservation) or sets DRAINING checks here, reading
     * the state first and the live count second: the last of them sees both, so a drained instance
     * always leaves, and never while a lease granted before DRAINING is held (see {@link Member}).
     */
    private void leaveIfDrained(Member m) {
        if (m.baseState == InstanceState.DRAINING && m.inFlight.get() == 0) {
            leave(m);
        }
    }

    private void leave(Member m) {
        if (!m.markGone()) {
            return;
        }
        members.updateAndGet(ms -> ms.minus(m));
        if (!m.remote && settings.factory() != null) {
            try {
                settings.factory().destroy(m.target);
            } catch (RuntimeException e) {
                m.gone.completeExceptionally(e);
                return;
            }
        }
        m.gone.complete(null);
    }

    @Override
    public void resize(int instances) {
        if (instances < 0) {
            throw new IllegalArgumentException("pool size must not be negative, not " + instances);
        }
        resizeLock.lock();
        try {
            List<Member> active = active();
            for (int i = active.size(); i < instances; i++) {
                addInstance();
            }
            if (active.size() > instances) {
                // Leave first what serves least: not-ready instances, then the idlest, then the newest.
                active.sort(Comparator.<Member>comparingInt(m -> m.baseState == InstanceState.READY ? 1 : 0)
                        .thenComparingInt(Member::inFlight)
                        .thenComparing(Comparator.comparingLong((Member m) -> m.readySinceNanos).reversed()));
                for (Member m : active.subList(0, active.size() - instances)) {
                    drain(m);
                }
            }
        } finally {
            resizeLock.unlock();
        }
    }

    private List<Member> active() {
        List<Member> out = new ArrayList<>();
        for (Member m : members.get().array()) {
            if (m.baseState != InstanceState.DRAINING) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public int size() {
        return active().size();
    }

    @Override
    public void useBalancer(Balancer next) {
        balancer.set(java.util.Objects.requireNonNull(next));
    }

    @Override
    public Balancer balancer() {
        return balancer.get();
    }

    @Override
    public void reportLoad(String instanceId, ResourceLoad load) {
        Member m = members.get().find(instanceId);
        if (m == null) {
            throw new IllegalArgumentException("pool '" + name + "' has no instance '" + instanceId + "'");
        }
        m.load = load;
    }

    @Override
    public void probeNow() {
        if (prober == null) {
            return;
        }
        HealthCheck check = settings.healthCheck();
        List<CompletableFuture<Void>> rounds = new ArrayList<>();
        for (Member m : members.get().array()) {
            if (!m.remote || m.baseState == InstanceState.DRAINING) {
                continue;
            }
            rounds.add(prober.probe((URI) m.target).thenAccept(r -> onProbe(m, r, check)));
        }
        CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new)).join();
    }

    private void probeQuietly() {
        try {
            probeNow();
        } catch (RuntimeException e) {
            // a failed round is retried next interval; the scheduler must keep running
        }
    }

    private void onProbe(Member m, HealthProber.Result r, HealthCheck check) {
        if (r.load() != null) {
            m.load = r.load();
        }
        int streak = m.probeStreak.updateAndGet(s -> r.healthy() ? Math.max(s, 0) + 1 : Math.min(s, 0) - 1);
        InstanceState s = m.baseState;
        if (r.healthy() && streak >= check.healthyThreshold()
                && (s == InstanceState.STARTING || s == InstanceState.UNHEALTHY)) {
            m.readySinceNanos = nanoClock.getAsLong();
            m.baseState = InstanceState.READY;
            members.updateAndGet(Members::bumped);
        } else if (!r.healthy() && -streak >= check.unhealthyThreshold() && s == InstanceState.READY) {
            m.baseState = InstanceState.UNHEALTHY;
            members.updateAndGet(Members::bumped);
        }
    }

    @Override
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    @Override
    public void onEmpty(Runnable wake) {
        this.onEmpty = wake;
    }

    @Override
    public PoolStatus status() {
        Member[] all = members.get().array();
        List<InstanceStatus> statuses = Arrays.stream(all).map(Member::status).toList();
        int ready = 0;
        int busy = 0;
        int capacity = 0;
        int instances = 0;
        for (InstanceStatus s : statuses) {
            busy += s.inFlight();
            if (s.state() != InstanceState.DRAINING) {
                instances++;
            }
            if (s.state() == InstanceState.READY) {
                ready++;
                capacity += s.capacity();
            }
        }
        return new PoolStatus(name, balancer.get().strategy(), breaker.state(), instances, ready, busy, capacity,
                statuses);
    }

    @Override
    public Scaler scaler() {
        return new Scaler() {
            @Override
            public int currentSize() {
                return size();
            }

            @Override
            public void scaleTo(int size) {
                resize(size);
            }
        };
    }

    @Override
    public void close() {
        if (probes != null) {
            probes.cancel(false);
        }
    }
}
