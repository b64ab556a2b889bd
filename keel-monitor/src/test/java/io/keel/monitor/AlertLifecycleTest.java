package io.keel.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.keel.testkit.DirectExecutor;
import io.keel.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private final ManualClock clock = new ManualClock();
    private final History history = new History(HistoryConfig.defaults());
    private final SeriesKey cpu = SeriesKey.of("cpu");
    private final List<AlertEvent> notified = new ArrayList<>();

    private Alerts alerts(AlertRule... rules) {
        Alerts a = new Alerts(List.of(rules), history, clock, new DirectExecutor(), Duration.ofMinutes(2), 10);
        a.addListener(notified::add);
        return a;
    }

    /** Advances 10 s, records the value, evaluates; returns the events of this cycle. */
    private List<AlertEvent> step(Alerts a, double value) {
        clock.advance(Duration.ofSeconds(10));
        history.record(cpu, clock.instant(), value);
        return a.evaluate();
    }

    private static AlertRule cpuRule() {
        return AlertRule.above("cpu-high", "cpu", 0.70).clearAt(0.60).forDuration(Duration.ofMinutes(1))
                .severity(Severity.CRITICAL).build();
    }

    @Test
    void firesOnlyAfterTheConditionHeldForItsForDuration() {
        Alerts a = alerts(cpuRule());
        for (int i = 0; i < 6; i++) {
            assertThat(step(a, 0.9)).isEmpty();
            assertThat(a.active()).singleElement().extracting(Alert::state).isEqualTo(AlertState.PENDING);
        }
        List<AlertEvent> fired = step(a, 0.9);
        assertThat(fired).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEvent.Type.FIRED);
            assertThat(e.alert().state()).isEqualTo(AlertState.FIRING);
            assertThat(e.alert().value()).isEqualTo(0.9);
            assertThat(e.alert().threshold()).isEqualTo(0.70);
            assertThat(Duration.between(e.alert().since(), e.alert().firedAt())).isEqualTo(Duration.ofMinutes(1));
        });
        assertThat(notified).hasSize(1);
    }

    @Test
    void aPendingAlertWhoseConditionLapsesDisappearsSilently() {
        Alerts a = alerts(cpuRule());
        step(a, 0.9);
        step(a, 0.9);
        assertThat(step(a, 0.65)).isEmpty();
        assertThat(a.active()).isEmpty();
        assertThat(a.recent()).isEmpty();
        assertThat(notified).isEmpty();
    }

    @Test
    void clearsOnlyBelowTheClearThreshold() {
        Alerts a = alerts(cpuRule());
        for (int i = 0; i < 7; i++) {
            step(a, 0.9);
        }
        assertThat(a.active()).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
        assertThat(step(a, 0.65)).as("between clear and threshold keeps firing").isEmpty();
        assertThat(step(a, 0.69)).isEmpty();
        List<AlertEvent> resolved = step(a, 0.55);
        assertThat(resolved).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEvent.Type.RESOLVED);
            assertThat(e.alert().resolvedAt()).isEqualTo(clock.instant());
            assertThat(e.alert().value()).isEqualTo(0.55);
        });
        assertThat(a.active()).isEmpty();
        assertThat(a.recent()).singleElement().extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
        assertThat(a.all()).hasSize(1);
    }

    @Test
    void noiseAroundTheThresholdDoesNotFlap() {
        Alerts a = alerts(cpuRule());
        for (int i = 0; i < 7; i++) {
            step(a, 0.9);
        }
        notified.clear();
        for (int i = 0; i < 100; i++) {
            step(a, i % 2 == 0 ? 0.72 : 0.66);
        }
        assertThat(notified).isEmpty();
        assertThat(a.active()).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    }

    @Test
    void nOfMDebounceIgnoresIsolatedSpikes() {
        Alerts a = alerts(AlertRule.above("spiky", "cpu", 0.7).nOfM(3, 5).build());
        for (int i = 0; i < 50; i++) {
            // one spike in every five evaluations never reaches three of five
            assertThat(step(a, i % 5 == 0 ? 0.95 : 0.1)).isEmpty();
        }
        assertThat(step(a, 0.95)).isEmpty();
        assertThat(step(a, 0.1)).isEmpty();
        assertThat(step(a, 0.95)).as("two of five").isEmpty();
        assertThat(step(a, 0.95)).as("three of five").singleElement()
                .extracting(AlertEvent::type).isEqualTo(AlertEvent.Type.FIRED);
        // resolving needs three good values out of the last five as well (the window holds S L S S L now)
        assertThat(step(a, 0.1)).isEmpty();
        assertThat(step(a, 0.1)).singleElement().extracting(AlertEvent::type).isEqualTo(AlertEvent.Type.RESOLVED);
    }

    @Test
    void aFiringAlertResolvesWhenItsSeriesGoesStale() {
        Alerts a = alerts(AlertRule.above("cpu-high", "cpu", 0.7).build());
        assertThat(step(a, 0.9)).hasSize(1);
        clock.advance(Duration.ofMinutes(3));
        assertThat(a.evaluate()).singleElement().extracting(AlertEvent::type).isEqualTo(AlertEvent.Type.RESOLVED);
    }

    @Test
    void everyMatchingSeriesGetsItsOwnAlertAndTagSelectorsNarrow() {
        Alerts a = alerts(AlertRule.below("disk", "disk.free", 0.1).build(),
                AlertRule.below("data-disk", "disk.free", 0.3).tags(java.util.Map.of("store", "/data")).build());
        clock.advance(Duration.ofSeconds(1));
        history.record(SeriesKey.of("disk.free", "store", "/"), clock.instant(), 0.05);
        history.record(SeriesKey.of("disk.free", "store", "/data"), clock.instant(), 0.2);
        List<AlertEvent> events = a.evaluate();
        assertThat(events).extracting(e -> e.alert().rule() + e.alert().tags().get("store"))
                .containsExactlyInAnyOrder("disk/", "data-disk/data");
    }

    @Test
    void dropSignalFiresWhenThroughputFallsBelowHalfItsRecentMean() {
        SeriesKey tput = SeriesKey.of("tput");
        Alerts a = alerts(AlertRule.above("drop", "tput", 0.5).signal(Signal.DROP, Duration.ofMinutes(5)).build());
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(10));
            history.record(tput, clock.instant(), 1000);
            assertThat(a.evaluate()).isEmpty();
        }
        clock.advance(Duration.ofSeconds(10));
        history.record(tput, clock.instant(), 300);
        assertThat(a.evaluate()).singleElement().satisfies(e -> assertThat(e.alert().value()).isGreaterThan(0.5));
    }

    @Test
    void avgSignalSmoothsASingleOutlier() {
        Alerts a = alerts(AlertRule.above("avg", "cpu", 0.7).signal(Signal.AVG, Duration.ofMinutes(1)).build());
        for (int i = 0; i < 6; i++) {
            step(a, 0.5);
        }
        assertThat(step(a, 1.0)).isEmpty();
    }

    @Test
    void reloadingRulesKeepsTheStateOfUnchangedRules() {
        Alerts a = alerts(AlertRule.above("cpu-high", "cpu", 0.7).build());
        step(a, 0.9);
        a.replaceRules(List.of(AlertRule.above("cpu-high", "cpu", 0.7).build(), AlertRule.above("other", "x", 1).build()));
        assertThat(step(a, 0.9)).isEmpty();
        assertThat(a.active()).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    }

    /** Whatever the values, notifications alternate FIRED, RESOLVED, ...; fire only above the threshold, resolve only at or below clear. */
    @Property(tries = 200)
    void notificationsAlternateAndRespectHysteresis(
            @ForAll @Size(min = 1, max = 200) List<@DoubleRange(min = 0, max = 1) Double> values) {
        ManualClock c = new ManualClock();
        History h = new History(HistoryConfig.defaults());
        List<AlertEvent> events = new ArrayList<>();
        Alerts a = new Alerts(List.of(AlertRule.above("r", "cpu", 0.7).clearAt(0.6).nOfM(2, 3)
                .forDuration(Duration.ofSeconds(20)).build()), h, c, new DirectExecutor(), Duration.ofMinutes(2), 10);
        a.addListener(events::add);
        for (double v : values) {
            c.advance(Duration.ofSeconds(10));
            h.record(cpu, c.instant(), v);
            for (AlertEvent e : a.evaluate()) {
                if (e.type() == AlertEvent.Type.RESOLVED) {
                    assertThat(e.alert().value()).isLessThanOrEqualTo(0.6);
                } else {
                    assertThat(e.alert().value()).isGreaterThan(0.7);
                }
            }
        }
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).type()).isEqualTo(i % 2 == 0 ? AlertEvent.Type.FIRED : AlertEvent.Type.RESOLVED);
        }
    }
}
