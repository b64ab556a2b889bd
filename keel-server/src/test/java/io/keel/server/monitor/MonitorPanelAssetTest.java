package io.keel.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import org.junit.jupiter.api.Test;

/** The monitor's dashboard panel ships, is loaded by the page, and never writes server text as markup. */
class MonitorPanelAssetTest {

    @Test
    void thePageLoadsThePanelAfterApp() throws IOException {
        String page = read("web/index.html");

        assertThat(page).contains("<script src=\"panels/monitor.js\" defer></script>", "id=\"alerts-panel\"");
        assertThat(page.indexOf("panels/monitor.js")).isGreaterThan(page.indexOf("app.js"));
    }

    @Test
    void panelRendersAlertsChartsAndCapacityWithoutMarkupFromData() throws IOException {
        String script = read("web/panels/monitor.js");

        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        assertThat(script).contains("'alerts-panel'", "api/v1/alerts", "api/v1/capacity",
                "api/v1/performance/export?minutes=", "keel.system.cpu.usage", "keel.system.memory.usage");
    }

    @Test
    void theGenericRendererLeavesTheAlertsPanelToIt() throws IOException {
        assertThat(read("web/app.js")).contains("section.extra:not([data-own-renderer])");
        assertThat(read("web/panels/monitor.js")).contains("dataset.ownRenderer = 'true'");
    }

    private static String read(String resource) throws IOException {
        URL url = Collections.list(MonitorPanelAssetTest.class.getClassLoader().getResources(resource)).stream()
                .filter(u -> !u.toString().contains("/test-classes/"))
                .findFirst()
                .orElse(null);
        assertThat(url).as(resource).isNotNull();
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
