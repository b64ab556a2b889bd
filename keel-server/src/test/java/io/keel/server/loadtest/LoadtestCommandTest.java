package io.keel.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.server.cli.KeelCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code keel loadtest} end to end against a loopback stub: reports written, exit codes as documented. */
class LoadtestCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = KeelCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path scenario() throws Exception {
        return Files.writeString(dir.resolve("s.yaml"), """
                name: stub-mix
                requests:
                  - {name: list, weight: 3, path: /api/v1/agents}
                  - {name: get, weight: 2, path: "/api/v1/operations/{{lastId}}"}
                  - name: create
                    method: POST
                    path: /api/v1/operations
                    headers: {Content-Type: application/json}
                    body: '{"agent":"echo","input":{"n":{{random 1 100}}}}'
                    capture: {lastId: id}
                """);
    }

    @Test
    void aPassingRunExitsZeroAndWritesHtmlAndJsonReportsWithTheChartsData() throws Exception {
        try (StubServer stub = StubServer.fixedDelay(5)) {
            Path html = dir.resolve("report.html");
            Path json = dir.resolve("report.json");
            int code = run("loadtest", "--scenario", scenario().toString(), "--target", stub.uri().toString(),
                    "--rate", "50", "--ramp-up", "500ms", "--duration", "2s", "--html", html.toString(),
                    "--json", json.toString(), "--no-progress");

            assertThat(code).as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("achieved").contains("p99.9").contains("SLA PASS")
                    .contains("capacity (").contains("load generator:");
            String page = Files.readString(html);
            assertThat(page).contains("<svg id=\"latency-chart\"").contains("<svg id=\"throughput-chart\"")
                    .contains("data-series=\"p99 ms\"").contains("data-series=\"req/s\"")
                    .contains("<script type=\"application/json\" id=\"report-data\">")
                    .doesNotContain("<script src");
            JsonNode report = new ObjectMapper().readTree(Files.readString(json));
            assertThat(report.at("/result/timeline").size()).isGreaterThanOrEqualTo(2);
            assertThat(report.at("/result/requests").asLong()).isPositive();
            assertThat(report.at("/verdict/passed").asBoolean()).isTrue();
            assertThat(report.at("/capacity/cpuMsPerRequest").isNumber()).isTrue();
        }
    }

    @Test
    void anSlaBreachExitsNonZeroAndSaysWhy() throws Exception {
        try (StubServer stub = StubServer.fixedDelay(50)) {
            int code = run("loadtest", "--scenario", scenario().toString(), "--target", stub.uri().toString(),
                    "--rate", "20", "--duration", "1s", "--sla-p95-ms", "10", "--no-progress");

            assertThat(code).isEqualTo(LoadtestCommand.SLA_BREACH);
            assertThat(out.toString()).contains("SLA FAIL: p95");
        }
    }

    @Test
    void aBadScenarioExitsWithTheConfigCodeNamingTheField() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "requests:\n  - path: /a\n    weight: -1\n");
        assertThat(run("loadtest", "--scenario", bad.toString(), "--rate", "10")).isEqualTo(LoadtestCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains("requests[0].weight").contains("'-1'");
    }

    @Test
    void bothModelsAtOnceAreRefused() throws Exception {
        assertThat(run("loadtest", "--scenario", scenario().toString(), "--rate", "10", "--users", "3"))
                .isEqualTo(LoadtestCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains("exactly one of --rate");
    }
}
