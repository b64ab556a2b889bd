package io.keel.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The dashboard ships inside the jar: every script and stylesheet the page names must be on the classpath
 * (our own files under {@code web/}, uPlot under the WebJar's {@code META-INF/resources/}), and nothing may come
 * from another origin.
 */
class DashboardAssetsTest {

    /** src and href values, inline {@code data:} URLs (the empty favicon) aside. */
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Test
    void everyAssetThePageNamesIsServedFromTheJar() throws IOException {
        List<String> assets = assetsOf(read("web/index.html"));

        assertThat(assets).contains("app.js", "app.css",
                "webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "webjars/uplot/1.6.30/dist/uPlot.min.css");
        assertThat(assets).as("no CDN, no absolute URL").noneMatch(a -> a.contains("//"));
        assertThat(assets).allSatisfy(asset -> assertThat(classpathResource(asset))
                .as("classpath resource for %s", asset).isNotNull());
    }

    @Test
    void scriptNeverWritesServerTextAsMarkup() throws IOException {
        String script = read("web/app.js");

        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }

    @Test
    void pageCarriesTheIdsTheBrowserTestAndUsersRelyOn() throws IOException {
        String page = read("web/index.html");

        assertThat(page).contains("id=\"submit-form\"", "id=\"agent\"", "id=\"input\"", "id=\"priority\"",
                "id=\"submit\"", "id=\"running\"", "id=\"queued\"", "id=\"operations\"",
                "id=\"throughput-chart\"", "id=\"latency-chart\"");
    }

    private static List<String> assetsOf(String html) {
        List<String> assets = new ArrayList<>();
        Matcher matcher = ASSET.matcher(html);
        while (matcher.find()) {
            if (!matcher.group(1).startsWith("data:")) {
                assets.add(matcher.group(1));
            }
        }
        return assets;
    }

    private static URL classpathResource(String asset) throws IOException {
        return shipped(asset.startsWith("webjars/") ? "META-INF/resources/" + asset : "web/" + asset);
    }

    private static String read(String resource) throws IOException {
        URL url = shipped(resource);
        assertThat(url).as(resource).isNotNull();
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The copy that ships: test resources (other tests keep a stub web/index.html) come first on this classpath. */
    private static URL shipped(String resource) throws IOException {
        return Collections.list(DashboardAssetsTest.class.getClassLoader().getResources(resource)).stream()
                .filter(url -> !url.toString().contains("/test-classes/"))
                .findFirst()
                .orElse(null);
    }
}
