package io.keel.scale;

import io.keel.scale.internal.DefaultAutoscaler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Resizes one pool from its signals (I8), once per {@link ScalingPolicy#period()}: call
 * {@link #evaluate()} from a scheduler ({@link #start}) or, in tests, by hand after moving the clock.
 *
 * <pre>{@code
 * Autoscaler scaler = Autoscaler.forPool(pool, policy, () -> governor.stats().queued("summarise"))
 *         .clock(clock).build();
 * pool.onEmpty(scaler::wake);
 * scaler.start(scheduler);
 * }</pre>
 */
public interface Autoscaler extends AutoCloseable {

    static Builder builder(String pool, ScalingPolicy policy) {
        return new Builder(pool, policy);
    }

    /** An autoscaler for an in-process or endpoint pool: signals from its status, resizes through it. */
    static Builder forPool(AgentPool pool, ScalingPolicy policy, IntSupplier queueDepth) {
        return new Builder(pool.name(), policy).scaler(pool.scaler())
                .signals(() -> ScalingSignals.of(pool.status(), queueDepth.getAsInt()));
    }

    String pool();

    ScalingPolicy policy();

    /** One scaling step now; returns the decision it recorded, or null when it had nothing to say. */
    ScalingDecision evaluate();

    /** Wakes a pool scaled to zero (first operation arrived): scales to max(1, min) at once. */
    void wake();

    /** Recent decisions, oldest first. */
    List<ScalingDecision> history();

    /** Runs {@link #evaluate()} every period on the scheduler until {@link #close()}. */
    void start(ScheduledExecutorService scheduler);

    @Override
    void close();

    final class Builder {
        private final String pool;
        private final ScalingPolicy policy;
        private Scaler scaler;
        private Supplier<ScalingSignals> signals;
        private LoadForecast forecast;
        private InstantSource clock = InstantSource.system();
        private MeterRegistry registry = new CompositeMeterRegistry();
        private int historySize = 100;

        private Builder(String pool, ScalingPolicy policy) {
            this.pool = Objects.requireNonNull(pool);
            this.policy = Objects.requireNonNull(policy);
        }

        public Builder scaler(Scaler scaler) {
            this.scaler = Objects.requireNonNull(scaler);
            return this;
        }

        public Builder signals(Supplier<ScalingSignals> signals) {
            this.signals = Objects.requireNonNull(signals);
            return this;
        }

        /** For predictive mode; without one, predictive mode learns a {@link SeasonalForecast#daily()}. */
        public Builder forecast(LoadForecast forecast) {
            this.forecast = Objects.requireNonNull(forecast);
            return this;
        }

        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry);
            return this;
        }

        public Builder historySize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("historySize must be at least 1, not " + size);
            }
            this.historySize = size;
            return this;
        }

        public Autoscaler build() {
            if (scaler == null || signals == null) {
                throw new IllegalStateException("autoscaler for '" + pool + "' needs a scaler and signals");
            }
            LoadForecast f = forecast != null ? forecast : policy.predictive() ? SeasonalForecast.daily() : null;
            return new DefaultAutoscaler(pool, policy, scaler, signals, f, clock, registry, historySize);
        }
    }
}
