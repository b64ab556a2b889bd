package io.keel.governor;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.keel.governor.internal.DefaultGovernor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Configures a {@link Governor}. Time, randomness and metrics are injected so tests can drive them.
 */
public final class GovernorBuilder {

    private Limits limits = Limits.defaults();
    private MeterRegistry meterRegistry;
    private InstantSource clock = InstantSource.system();
    private LongSupplier nanoTime = System::nanoTime;
    private int cpuThreads = Runtime.getRuntime().availableProcessors();
    private final List<OperationInterceptor> interceptors = new ArrayList<>();
    private InstanceSelector instanceSelector = InstanceSelector.local();
    private Supplier<String> idGenerator;
    private Random random = new Random();
    private int listenerBufferSize = 4096;
    private int recentFinished = 10_000;
    private boolean timePermits;

    GovernorBuilder() {
    }

    public GovernorBuilder limits(Limits value) {
        this.limits = Objects.requireNonNull(value, "limits");
        return this;
    }

    public GovernorBuilder meterRegistry(MeterRegistry value) {
        this.meterRegistry = Objects.requireNonNull(value, "meterRegistry");
        return this;
    }

    /** Wall time for records (created, started, finished). */
    public GovernorBuilder clock(InstantSource value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** Monotonic time for deadlines, aging, durations and ETAs. */
    public GovernorBuilder nanoTime(LongSupplier value) {
        this.nanoTime = Objects.requireNonNull(value, "nanoTime");
        return this;
    }

    /** Size of the platform pool for {@link ExecutionKind#CPU} agents; defaults to the cores. */
    public GovernorBuilder cpuThreads(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("cpuThreads must be at least 1, was " + value);
        }
        this.cpuThreads = value;
        return this;
    }

    public GovernorBuilder addInterceptor(OperationInterceptor value) {
        this.interceptors.add(Objects.requireNonNull(value, "interceptor"));
        return this;
    }

    public GovernorBuilder instanceSelector(InstanceSelector value) {
        this.instanceSelector = Objects.requireNonNull(value, "instanceSelector");
        return this;
    }

    /** Makes ids for specs that bring none; defaults to random UUIDs. */
    public GovernorBuilder idGenerator(Supplier<String> value) {
        this.idGenerator = Objects.requireNonNull(value, "idGenerator");
        return this;
    }

    /** Source of retry jitter. */
    public GovernorBuilder random(Random value) {
        this.random = Objects.requireNonNull(value, "random");
        return this;
    }

    /** Events buffered per listener before the oldest are dropped. */
    public GovernorBuilder listenerBufferSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("listenerBufferSize must be at least 1, was " + value);
        }
        this.listenerBufferSize = value;
        return this;
    }

    /** How many finished operations {@link Governor#find} still knows; older ones are forgotten. */
    public GovernorBuilder recentFinished(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("recentFinished must be at least 1, was " + value);
        }
        this.recentFinished = value;
        return this;
    }

    /**
     * Whether each {@link Permit} is timed (two {@code nanoTime} reads, summed per agent into the
     * {@code keel.permit.duration} function timer). Off by default: the permit path is meant to be nearly free.
     */
    public GovernorBuilder timePermits(boolean value) {
        this.timePermits = value;
        return this;
    }

    public Governor build() {
        return new DefaultGovernor(this);
    }

    public Limits limits() {
        return limits;
    }

    public MeterRegistry meterRegistry() {
        return meterRegistry == null ? new SimpleMeterRegistry() : meterRegistry;
    }

    public InstantSource clock() {
        return clock;
    }

    public LongSupplier nanoTime() {
        return nanoTime;
    }

    public int cpuThreads() {
        return cpuThreads;
    }

    public List<OperationInterceptor> interceptors() {
        return List.copyOf(interceptors);
    }

    public InstanceSelector instanceSelector() {
        return instanceSelector;
    }

    /** Defaults to random (version 4) UUIDs drawn from a thread-local generator: cheap, not for secrets. */
    public Supplier<String> idGenerator() {
        return idGenerator == null ? GovernorBuilder::randomId : idGenerator;
    }

    private static String randomId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(msb, lsb).toString();
    }

    public Random random() {
        return random;
    }

    public int listenerBufferSize() {
        return listenerBufferSize;
    }

    public boolean timePermits() {
        return timePermits;
    }

    public int recentFinished() {
        return recentFinished;
    }
}
