package io.keel.server.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium and chromedriver, driven by Selenium without Selenium Manager: both paths are given
 * explicitly, and Selenium only consults Selenium Manager (which may download drivers) when the service has
 * no executable, so no network access is attempted.
 */
final class HeadlessChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Skips the calling test when Chromium or chromedriver is missing, or fails it under {@code CI=true}. */
    static void require() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "headless Chromium needs " + BROWSER + " and " + DRIVER;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: the dashboard test must not be skipped)");
        }
        Assumptions.abort(message + "; install chromium and chromium-driver to run this test");
    }

    /** A fresh browser with its own throw-away profile in {@code profile}. */
    static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1440,1100", "--user-data-dir=" + profile.toAbsolutePath());
        // Keep the page's console, so a failing test can show what the script said.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        return new ChromeDriver(service, options);
    }

    /** Saves a screenshot and the page's HTML under target/, and prints the console, for a failed test. */
    static void saveDiagnostics(ChromeDriver browser, String name) {
        try {
            Path dir = Path.of("target", "dashboard-diagnostics");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), browser.getPageSource());
            System.out.printf("==== dashboard diagnostics saved in %s ====%n", dir.toAbsolutePath());
            browser.manage().logs().get(LogType.BROWSER)
                    .forEach(entry -> System.out.printf("console %s %s%n", entry.getLevel(), entry.getMessage()));
        } catch (IOException | RuntimeException e) {
            System.out.printf("could not save dashboard diagnostics: %s%n", e);
        }
    }
}
