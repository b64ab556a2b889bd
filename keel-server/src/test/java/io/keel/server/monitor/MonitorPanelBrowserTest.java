package io.keel.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.keel.server.e2e.ServerProcess;
import io.keel.server.e2e.ServerProcesses;

/**
 * The real dashboard in headless Chromium against a server process whose rules file holds a rule that is
 * true from the start ({@code keel.server.ready} is 1): the alerts panel shows it FIRING with its rule name,
 * as text, and the monitor's CPU and memory charts are drawn.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MonitorPanelBrowserTest {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void alertsPanelShowsAFiringRuleAndTheHistoryChartsAreDrawn() throws Exception {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("headless Chromium needs " + BROWSER + " and " + DRIVER);
            }
            Assumptions.abort("headless Chromium not installed");
        }
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                - {name: "ready <b>always</b>", series: keel.server.ready, comparison: above, threshold: 0.5}
                """);
        Path data = Files.createDirectories(dir.resolve("data"));
        ServerProcess server = servers.start(data, "--alert-rules-file", rules.toString(),
                "--monitor-interval-ms", "200");
        Path profile = Files.createDirectories(dir.resolve("profile"));
        ChromeDriver browser = browser(profile);
        try {
            browser.get(server.baseUrl().toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
            // the panel re-renders every 2 s: an element read mid-render is stale, so look again
            wait.ignoring(StaleElementReferenceException.class);
            By firing = By.cssSelector("#alerts-panel tr[data-state='FIRING']");
            wait.until(d -> d.findElements(firing).stream().anyMatch(r -> r.getText().contains("ready <b>always</b>")));
            assertThat(browser.findElements(By.cssSelector("#alerts-panel b"))).as("rule name shown as text").isEmpty();
            wait.until(d -> !d.findElements(By.cssSelector("#monitor-cpu-chart canvas")).isEmpty()
                    && !d.findElements(By.cssSelector("#monitor-memory-chart canvas")).isEmpty()
                    && !d.findElements(By.cssSelector("#monitor-throughput-chart canvas")).isEmpty()
                    && !d.findElements(By.cssSelector("#monitor-latency-chart canvas")).isEmpty());
            wait.until(d -> !d.findElements(By.cssSelector("#monitor-forecasts li")).isEmpty());
        } finally {
            browser.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static ChromeDriver browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1440,1100", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        return new ChromeDriver(service, options);
    }
}
