package io.keel.bench.monitor;

import io.keel.monitor.AlertRule;
import io.keel.monitor.Alerts;
import io.keel.monitor.History;
import io.keel.monitor.HistoryConfig;
import io.keel.monitor.SeriesKey;
import io.keel.monitor.Severity;
import io.keel.monitor.Signal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One alert evaluation cycle of 200 rules over 500 series (100 names × 5 tag sets, so each rule matches
 * 5 series: 1,000 rule×series checks a cycle), against a bare loop that does the minimum any evaluator
 * must: look up 1,000 latest values in a HashMap and compare them with a threshold.
 *
 * <p>{@code signals=last}: every rule compares the newest value; {@code signals=mixed}: 10 % of the rules
 * average a 1-minute window (60 buckets each), as the default heap rule does. Each cycle advances the
 * clock a second and feeds new values so alerts move through their states.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AlertEvaluationBenchmark {

    private static final int NAMES = 100;
    private static final int TAG_SETS = 5;
    private static final int RULES = 200;

    @Param({"last", "mixed"})
    public String signals;

    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
    private History history;
    private Alerts alerts;
    private SeriesKey[] keys;
    private final Map<String, Double> bareLatest = new HashMap<>();
    private String[] bareKeys;
    private double[] bareThresholds;
    private long cycle;

    @Setup(Level.Trial)
    public void setUp() {
        history = new History(HistoryConfig.defaults());
        keys = new SeriesKey[NAMES * TAG_SETS];
        for (int n = 0; n < NAMES; n++) {
            for (int t = 0; t < TAG_SETS; t++) {
                keys[n * TAG_SETS + t] = SeriesKey.of("keel.bench.metric" + n, "agent", "a" + t);
            }
        }
        List<AlertRule> rules = new ArrayList<>();
        for (int r = 0; r < RULES; r++) {
            String series = "keel.bench.metric" + (r % NAMES);
            AlertRule.Builder b = AlertRule.above("rule-" + r, series, 0.5 + (r % 7) * 0.05)
                    .clearAt(0.45).forDuration(Duration.ofSeconds(r % 30)).nOfM(2, 3).severity(Severity.WARNING);
            if (signals.equals("mixed") && r % 10 == 0) {
                b.signal(Signal.AVG, Duration.ofMinutes(1));
            }
            rules.add(b.build());
        }
        alerts = new Alerts(rules, history, clock, Runnable::run, Duration.ofMinutes(2), 100);
        alerts.addListener(e -> { });
        for (int s = 0; s < 900; s++) {
            feed();
        }
        bareKeys = new String[RULES * TAG_SETS];
        bareThresholds = new double[RULES * TAG_SETS];
        for (int r = 0; r < RULES; r++) {
            for (int t = 0; t < TAG_SETS; t++) {
                bareKeys[r * TAG_SETS + t] = keys[(r % NAMES) * TAG_SETS + t].toString();
                bareThresholds[r * TAG_SETS + t] = 0.5 + (r % 7) * 0.05;
            }
        }
        for (SeriesKey k : keys) {
            bareLatest.put(k.toString(), 0.5);
        }
    }

    private void feed() {
        long now = millis.addAndGet(1000);
        cycle++;
        for (int i = 0; i < keys.length; i++) {
            // slow waves with different phases: some alerts pend, fire and resolve during the run
            double v = 0.5 + 0.4 * Math.sin((cycle + i * 13) / 40.0);
            history.record(keys[i], now, v);
        }
    }

    /** One evaluation without feeding, for the CPU-time harness. */
    public int evaluateOnly() {
        return alerts.evaluate().size();
    }

    /** Feeds without evaluating, for the CPU-time harness. */
    public void feedOnce() {
        feed();
    }

    /** Feeding 500 samples is part of every cycle in production too; measured separately below. */
    @Benchmark
    public int feedOnly() {
        feed();
        return (int) cycle;
    }

    @Benchmark
    public int feedAndEvaluate() {
        feed();
        return alerts.evaluate().size();
    }

    @Benchmark
    public int bareFeedAndCompare() {
        cycle++;
        for (int i = 0; i < keys.length; i++) {
            bareLatest.put(bareKeys[i], 0.5 + 0.4 * Math.sin((cycle + i * 13) / 40.0));
        }
        int breaches = 0;
        for (int i = 0; i < bareKeys.length; i++) {
            if (bareLatest.get(bareKeys[i]) > bareThresholds[i]) {
                breaches++;
            }
        }
        return breaches;
    }
}
