package io.keel.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.keel.server.e2e.KeelApi;
import io.keel.server.e2e.ServerProcess;
import io.keel.server.e2e.ServerProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium against a real server process: charts and counters come alive,
 * server text is shown escaped, and a sleep submitted from the page's form shows its progress bar advancing
 * without a reload, is cancelled from the page, and is CANCELLED both on the page and through the API.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DashboardBrowserTest {

    @TempDir
    Path dataDir;

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    private ServerProcess server;
    private ChromeDriver browser;
    private Path profile;

    @BeforeEach
    void start() throws Exception {
        HeadlessChromium.require();
        server = servers.start(dataDir);
        profile = Files.createTempDirectory("keel-chromium-");
        browser = HeadlessChromium.start(profile);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void submitsASleepWatchesItsProgressAndCancelsItFromThePage() {
        try {
            submitWatchAndCancel();
        } catch (RuntimeException | AssertionError failure) {
            HeadlessChromium.saveDiagnostics(browser, "submit-watch-cancel");
            throw failure;
        }
    }

    private void submitWatchAndCancel() {
        browser.get(server.baseUrl().toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));

        // The page is live: charts drawn by uPlot, counters filled from the summary endpoint.
        wait.until(d -> !d.findElements(By.cssSelector("#throughput-chart canvas")).isEmpty()
                && !d.findElements(By.cssSelector("#latency-chart canvas")).isEmpty());
        wait.until(d -> !d.findElement(By.id("running")).getAttribute("data-value").isEmpty()
                && !d.findElement(By.id("queued")).getAttribute("data-value").isEmpty());

        // Server text is shown as text: markup in an agent's result never becomes an element.
        String markup = "<img src=x id=injected onerror=document.title=1>";
        String echoed = new KeelApi(server.baseUrl())
                .submit(KeelApi.submission("echo", Map.of("message", markup)), 10_000).expect(200).body()
                .path("id").asText();
        By echoRow = By.cssSelector("tr[data-op-id='" + echoed + "'] td.outcome");
        wait.until(d -> !d.findElements(echoRow).isEmpty()
                && d.findElement(echoRow).getAttribute("title").contains(markup));
        assertThat(browser.findElements(By.id("injected"))).isEmpty();
        assertThat(browser.findElement(echoRow).getText()).contains(markup);
        assertThat(browser.getTitle()).isEqualTo("Keel dashboard");

        new Select(browser.findElement(By.id("agent"))).selectByValue("sleep");
        WebElement input = browser.findElement(By.id("input"));
        input.clear();
        input.sendKeys("{\"ms\":20000,\"steps\":20}");
        browser.findElement(By.id("submit")).click();

        String id = wait.until(d -> {
            String value = d.findElement(By.id("submit-result")).getAttribute("data-op-id");
            return value == null || value.isEmpty() ? null : value;
        });
        By row = By.cssSelector("tr[data-op-id='" + id + "']");

        // Progress advances on the page, without a reload: two increasing observations of the bar.
        double first = wait.until(d -> {
            double percent = percentOf(d, row);
            return percent > 0 ? percent : null;
        });
        wait.until(d -> percentOf(d, row) > first);
        wait.until(d -> Integer.parseInt(d.findElement(By.id("running")).getAttribute("data-value")) >= 1);

        browser.findElement(row).findElement(By.cssSelector("button.cancel")).click();

        wait.until(d -> statusOf(d, row).equals("CANCELLED"));
        assertThat(browser.findElement(row).findElements(By.cssSelector("button.cancel")))
                .as("no cancel button on an ended operation").isEmpty();
        assertThat(new KeelApi(server.baseUrl()).status(id)).isEqualTo("CANCELLED");
    }

    private static double percentOf(WebDriver driver, By row) {
        try {
            String percent = driver.findElement(row).findElement(By.tagName("progress")).getAttribute("data-percent");
            return percent == null ? 0 : Double.parseDouble(percent);
        } catch (StaleElementReferenceException | NoSuchElementException notYet) {
            return 0;
        }
    }

    private static String statusOf(WebDriver driver, By row) {
        try {
            return driver.findElement(row).findElement(By.cssSelector("td.status")).getText().trim();
        } catch (StaleElementReferenceException | NoSuchElementException notYet) {
            return "";
        }
    }
}
