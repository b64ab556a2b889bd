package io.keel.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keel.monitor.SystemSnapshot;
import io.keel.server.config.ConfigLoader;
import io.keel.server.config.KeelConfig;
import io.keel.server.config.Setting;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The monitor's settings: defaults, and bad values refused at start with the setting (and rule) named. */
class MonitorSettingsTest {

    @TempDir
    Path dir;

    private static KeelConfig load(Map<String, String> env) {
        return ConfigLoader.load(null, env, Map.of());
    }

    @Test
    void defaultsSampleEverySecondWithoutWebhookOrRulesFile() {
        KeelConfig config = load(Map.of());
        assertThat(config.monitorIntervalMs()).isEqualTo(1000);
        assertThat(config.alertWebhookUrl()).isNull();
        assertThat(config.alertRulesFile()).isNull();
    }

    @Test
    void intervalBelowTenMillisIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> load(Map.of("KEEL_MONITOR_INTERVAL_MS", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KEEL_MONITOR_INTERVAL_MS").hasMessageContaining("'5'");
    }

    @Test
    void rulesFileReadsABareListOrAnAlertRulesKeyInYamlOrJson() throws IOException {
        Path yaml = Files.writeString(dir.resolve("r.yaml"), """
                alert-rules:
                  - {name: a, series: x, comparison: above, threshold: 1}
                """);
        Path json = Files.writeString(dir.resolve("r.json"), """
                [{"name": "b", "series": "y", "comparison": "below", "threshold": "70%", "for": "5s"}]
                """);
        assertThat(AlertRulesFile.read(yaml.toString())).extracting(m -> m.get("name")).containsExactly("a");
        assertThat(AlertRulesFile.read(json.toString())).extracting(m -> m.get("name")).containsExactly("b");
        assertThat(AlertRulesFile.read(null)).isEmpty();
    }

    @Test
    void aBadRuleStopsTheStartNamingRuleAndField() throws IOException {
        Path rules = Files.writeString(dir.resolve("bad.yaml"), """
                - {name: typo, series: x, comparison: above, threshold: 1, fro: 5s}
                """);
        KeelConfig config = load(Map.of("KEEL_ALERT_RULES_FILE", rules.toString()));
        assertThatThrownBy(() -> new MonitorFeature(config, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'typo'").hasMessageContaining("'fro'");
    }

    @Test
    void aMissingRulesFileOrAScalarOneIsRefusedNamingTheSetting() throws IOException {
        KeelConfig missing = load(Map.of("KEEL_ALERT_RULES_FILE", dir.resolve("nope.yaml").toString()));
        assertThatThrownBy(() -> new MonitorFeature(missing, new SimpleMeterRegistry()))
                .hasMessageStartingWith(Setting.ALERT_RULES_FILE.envName()).hasMessageContaining("no such file");
        Path scalar = Files.writeString(dir.resolve("scalar.yaml"), "42\n");
        KeelConfig config = load(Map.of("KEEL_ALERT_RULES_FILE", scalar.toString()));
        assertThatThrownBy(() -> new MonitorFeature(config, new SimpleMeterRegistry()))
                .hasMessageStartingWith(Setting.ALERT_RULES_FILE.envName()).hasMessageContaining("list");
    }

    @Test
    void aWebhookThatIsNotHttpIsRefusedNamingTheSetting() {
        KeelConfig config = load(Map.of("KEEL_ALERT_WEBHOOK_URL", "ftp://example.org/hook"));
        assertThatThrownBy(() -> new MonitorFeature(config, new SimpleMeterRegistry()))
                .hasMessageStartingWith(Setting.ALERT_WEBHOOK_URL.envName()).hasMessageContaining("ftp://example.org/hook");
    }

    @Test
    void systemSectionKeepsEveryFieldAndTakesTheSampledCpu() {
        Map<String, Object> base = Map.of("cpu", 0.0, "memory", Map.of("usedBytes", 1L, "maxBytes", 2L),
                "disk", Map.of("freeBytes", 3L, "totalBytes", 4L));
        SystemSnapshot sampled = new SystemSnapshot(0.42, 0.1, 1.5, 0.5, 8e9, 4e9, 0, 0.3, 3e8, 1e9, 0.01, 40, 100,
                1024, List.of(new SystemSnapshot.Disk("/", 100, 25, 0.25)), 0, 0, Double.NaN, Double.NaN);

        Map<String, Object> system = new SystemSection(() -> Optional.of(sampled)).apply(base);

        assertThat(system.get("cpu")).isEqualTo(0.42);
        assertThat((Map<String, Object>) system.get("memory")).containsEntry("usedBytes", 1L)
                .containsEntry("maxBytes", 2L).containsEntry("heapUsage", 0.3).containsEntry("systemUsage", 0.5);
        assertThat((Map<String, Object>) system.get("disk")).containsEntry("freeBytes", 3L)
                .containsEntry("totalBytes", 4L).containsKey("stores");
        assertThat((Map<String, Object>) system.get("network")).isEmpty(); // NaN = not sampled: left out
        assertThat(new SystemSection(Optional::empty).apply(base)).isEqualTo(base);
    }

    @Test
    void aCpuThatIsNotSampledYetLeavesTheTrackersFigure() {
        SystemSnapshot unsampled = new SystemSnapshot(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, List.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        Map<String, Object> system = new SystemSection(() -> Optional.of(unsampled))
                .apply(Map.of("cpu", 0.2, "memory", Map.of(), "disk", Map.of()));
        assertThat(system.get("cpu")).isEqualTo(0.2);
    }
}
