package io.keel.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.keel.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CostTrackerTest {

    private final ManualClock clock = new ManualClock();
    private final CostTracker costs = new CostTracker(clock);

    private AgentCost agent(CostReport report, String name) {
        return report.agents().stream().filter(a -> a.agent().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void instanceTimeIsIntegratedOverTheInstanceCount() {
        costs.model("cpu", CostModel.of(0.50, 0, 0));
        costs.instances("cpu", 2, 4);
        clock.advance(Duration.ofMinutes(30));
        costs.instances("cpu", 4, 4);
        clock.advance(Duration.ofMinutes(15));
        AgentCost c = agent(costs.report(), "cpu");
        assertThat(c.instanceHours()).isCloseTo(2 * 0.5 + 4 * 0.25, within(1e-9));
        assertThat(c.instanceCost()).isCloseTo(2.0 * 0.50, within(1e-9));
        assertThat(c.instances()).isEqualTo(4);
    }

    @Test
    void requestsTokensCostPerRequestAndEfficiency() {
        costs.model("llm", CostModel.of(1.00, 0.01, 0.00002));
        costs.instances("llm", 1, 2);
        for (int i = 0; i < 100; i++) {
            costs.recordRequest("llm", Duration.ofSeconds(18), 1_000);
        }
        clock.advance(Duration.ofHours(1));
        CostReport report = costs.report();
        AgentCost c = agent(report, "llm");
        assertThat(c.requests()).isEqualTo(100);
        assertThat(c.tokens()).isEqualTo(100_000);
        assertThat(c.requestCost()).isCloseTo(1.00, within(1e-9));
        assertThat(c.tokenCost()).isCloseTo(2.00, within(1e-9));
        assertThat(c.instanceCost()).isCloseTo(1.00, within(1e-9));
        assertThat(c.total()).isCloseTo(4.00, within(1e-9));
        assertThat(c.costPerRequest()).isCloseTo(0.04, within(1e-9));
        // 100 × 18 s busy over 1 instance × 2 slots × 3600 s
        assertThat(c.efficiency()).isCloseTo(1800.0 / 7200, within(1e-9));
        // 1 instance-hour for 730 h, plus 3.00 per hour of requests and tokens for 730 h
        assertThat(c.monthlyProjection()).isCloseTo(730 * (1.00 + 3.00), within(1e-6));
        assertThat(report.total()).isCloseTo(4.00, within(1e-9));
        assertThat(report.monthlyProjection()).isCloseTo(c.monthlyProjection(), within(1e-9));
    }

    @Test
    void recommendsFewerInstancesForAnOverProvisionedPool() {
        costs.model("echo", CostModel.of(0.10, 0, 0));
        costs.instances("echo", 10, 1);
        for (int i = 0; i < 60; i++) {
            costs.recordRequest("echo", Duration.ofSeconds(60), 0); // one slot-hour of work in the hour
            clock.advance(Duration.ofMinutes(1));
        }
        CostReport report = costs.report();
        assertThat(report.recommendations()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(CostRecommendation.Kind.OVER_PROVISIONED);
            assertThat(r.message()).contains("10 instance(s)").contains("2 would run at 70 %");
            assertThat(r.monthlySaving()).isCloseTo(8 * 0.10 * 730, within(1e-9));
        });
    }

    @Test
    void recommendsRemovingIdleInstances() {
        costs.model("batch", CostModel.of(0.20, 0, 0));
        costs.instances("batch", 3, 1);
        costs.recordRequest("batch", Duration.ofSeconds(1), 0);
        clock.advance(Duration.ofMinutes(45));
        assertThat(costs.report().recommendations()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(CostRecommendation.Kind.IDLE_INSTANCES);
            assertThat(r.message()).contains("no request for 45 min");
            assertThat(r.monthlySaving()).isCloseTo(3 * 0.20 * 730, within(1e-9));
        });
    }

    @Test
    void recommendsACheaperModelWhenMostPromptsAreSimple() {
        costs.model("llm", CostModel.of(0, 0, 0.00003).withCheaperModel("small", 0.00001));
        costs.instances("llm", 1, 100);
        for (int i = 0; i < 30; i++) {
            costs.recordRequest("llm", Duration.ofSeconds(1), i < 20 ? 100 : 2_000);
        }
        clock.advance(Duration.ofHours(1));
        assertThat(costs.report().recommendations())
                .filteredOn(r -> r.kind() == CostRecommendation.Kind.CHEAPER_MODEL).singleElement().satisfies(r -> {
                    assertThat(r.message()).contains("20 of 30 prompts").contains("'small'");
                    // 2,000 simple tokens an hour, 0.00002 cheaper each, for 730 hours
                    assertThat(r.monthlySaving()).isCloseTo(2_000 * 0.00002 * 730, within(1e-9));
                });
    }

    @Test
    void noRecommendationsBeforeEnoughHistory() {
        costs.model("echo", CostModel.of(0.10, 0, 0));
        costs.instances("echo", 10, 1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(costs.report().recommendations()).isEmpty();
    }

    @Test
    void badModelsAndUnknownAgentsAreRefused() {
        assertThatThrownBy(() -> CostModel.of(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> CostModel.of(0, 0, 0.001).withCheaperModel("big", 0.01))
                .hasMessageContaining("must cost less");
        assertThatThrownBy(() -> costs.recordRequest("ghost", Duration.ZERO, 0)).hasMessageContaining("'ghost'");
    }
}
