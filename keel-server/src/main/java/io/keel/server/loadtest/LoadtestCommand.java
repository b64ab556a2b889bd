package io.keel.server.loadtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keel loadtest}: runs a YAML scenario against a target, prints the report and the SLA verdict, and exits
 * {@value #SLA_BREACH} when the SLA is breached ({@value #CONFIG_ERROR} for a bad scenario or flag).
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = "Load-test a server with a YAML scenario (open or closed model) and judge it against an SLA.")
public final class LoadtestCommand implements Callable<Integer> {

    public static final int SLA_BREACH = 1;
    public static final int CONFIG_ERROR = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", required = true, description = "Scenario YAML file.")
    Path scenario;
    @Option(names = "--target", defaultValue = "http://127.0.0.1:8080", description = "Base URL (default: ${DEFAULT-VALUE}).")
    String target;
    @Option(names = "--rate", description = "Open model: arrival rate, requests/s (overrides the scenario's rate).")
    Double rate;
    @Option(names = "--users", description = "Closed model: number of users.")
    Integer users;
    @Option(names = "--think-ms", defaultValue = "0", description = "Closed model: think time between requests, ms.")
    long thinkMs;
    @Option(names = "--duration", description = "Steady-state duration after the ramp-up, e.g. 30s (default: the scenario's).")
    String duration;
    @Option(names = "--ramp-up", description = "Ramp-up, e.g. 5s (default: the scenario's).")
    String rampUp;
    @Option(names = "--max-in-flight", defaultValue = "10000", description = "Open model: concurrent request bound.")
    int maxInFlight;
    @Option(names = "--timeout", defaultValue = "10s", description = "Per-request timeout.")
    String timeout;
    @Option(names = "--html", description = "Write a self-contained HTML report here.")
    Path html;
    @Option(names = "--json", description = "Write the report as JSON here.")
    Path json;
    @Option(names = "--find-max", description = "Raise the rate step by step until the SLA breaks; report the highest that held.")
    boolean findMax;
    @Option(names = "--find-max-steps", defaultValue = "10", description = "Find-max: at most this many runs.")
    int findMaxSteps;
    @Option(names = "--find-max-pause", defaultValue = "3s",
            description = "Find-max: idle pause before each step after the first, so a broken step's backlog drains (default: ${DEFAULT-VALUE}).")
    String findMaxPause;
    @Option(names = "--sla-p95-ms", defaultValue = "200", description = "SLA: p95 below this (default: ${DEFAULT-VALUE}).")
    double slaP95Ms;
    @Option(names = "--sla-error-rate", defaultValue = "0.001", description = "SLA: error rate below this (default: ${DEFAULT-VALUE}).")
    double slaErrorRate;
    @Option(names = "--capacity-target-rps", description = "Capacity plan: cores needed for this rate at 70 % CPU (default: the achieved rate).")
    Double capacityTargetRps;
    @Option(names = "--progress", negatable = true, description = "Live progress line (default: when stdout is a terminal).")
    Boolean progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario parsed;
        LoadOptions options;
        Sla sla;
        Duration pause;
        try {
            pause = Durations.parse("--find-max-pause", findMaxPause);
            parsed = new ScenarioParser().read(scenario);
            Duration ramp = rampUp == null ? parsed.rampUp() : Durations.parse("--ramp-up", rampUp);
            Duration steady = duration == null ? parsed.duration() : Durations.parse("--duration", duration);
            double openRate = rate != null ? rate : (users == null ? parsed.rate() : 0);
            options = new LoadOptions(URI.create(target), openRate, users == null ? 0 : users,
                    Duration.ofMillis(thinkMs), ramp, steady, maxInFlight, Durations.parse("--timeout", timeout));
            sla = new Sla(slaP95Ms, slaErrorRate);
            if (findMax && !options.openModel()) {
                throw new IllegalArgumentException("--find-max: needs the open model (--rate), was users='" + users + "'");
            }
        } catch (IOException e) {
            err.println("--scenario: cannot read '" + scenario + "': " + e.getMessage());
            return CONFIG_ERROR;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return CONFIG_ERROR;
        }
        boolean live = progress != null ? progress : stdoutIsTerminal();
        LoadGenerator generator = new LoadGenerator();
        CpuProbe cpu = new CpuProbe(options.target());
        FindMax.Outcome found = null;
        if (findMax) {
            out.printf(Locale.ROOT, "find-max: from %.0f req/s, %s per step, SLA p95 < %.0f ms, errors < %.3f %%%n",
                    options.rate(), options.rampUp().plus(options.duration()), sla.p95Ms(), sla.maxErrorRate() * 100);
            boolean[] first = {true};
            found = new FindMax(sla, 1.5, 0.05, findMaxSteps).search(options.rate(),
                    r -> {
                        if (!first[0]) {
                            sleep(pause);
                        }
                        first[0] = false;
                        return generator.run(parsed, options.withRate(r), point -> { });
                    },
                    step -> out.printf(Locale.ROOT, "  %8.0f req/s -> achieved %8.1f, p95 %8.2f ms, errors %.3f %%: %s%n",
                            step.rate(), step.result().achievedRate(), step.result().corrected().p95(),
                            step.result().errorRate() * 100, step.verdict().passed() ? "held" : "broke"));
            out.printf(Locale.ROOT, "find-max: highest rate that held the SLA: %.0f req/s%s%n", found.maxRate(),
                    found.brokenRate() > 0 ? String.format(Locale.ROOT, " (broke at %.0f)", found.brokenRate()) : "");
        }
        LoadOptions finalOptions = found != null && found.maxRate() > 0 ? options.withRate(found.maxRate()) : options;
        if (found != null) {
            sleep(pause);
        }
        OptionalDouble targetCpuBefore = cpu.targetCpuSeconds();
        double localCpuBefore = CpuProbe.localCpuSeconds();
        LoadResult result = generator.run(parsed, finalOptions, point -> {
            if (live) {
                out.print(TextReport.progressLine(point, point.errors()));
                out.flush();
            }
        });
        if (live) {
            out.println();
        }
        CapacityPlan plan = capacity(result, cpu, targetCpuBefore, localCpuBefore);
        Sla.Verdict verdict = sla.judge(result);
        TextReport.print(out, result, verdict, plan);
        long allRequests = result.timeline().stream().mapToLong(TimelinePoint::completed).sum();
        if (allRequests > 0) {
            // The generator's own cost, so a run on one machine can tell how much of the CPU the tool took.
            out.printf(Locale.ROOT, "load generator: %.0f µs CPU per request (this process, ramp-up included)%n",
                    (CpuProbe.localCpuSeconds() - localCpuBefore) * 1e6 / allRequests);
            out.flush();
        }
        ReportDocument doc = new ReportDocument(result, sla, verdict, plan,
                found == null ? null : found.maxRate(), ReportDocument.steps(found));
        try {
            write(doc);
        } catch (IOException e) {
            err.println("cannot write the report: " + e.getMessage());
            return CONFIG_ERROR;
        }
        boolean passed = found != null ? found.maxRate() > 0 : verdict.passed();
        return passed ? 0 : SLA_BREACH;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Since JDK 22 {@code System.console()} is non-null even when output is redirected; {@code Console.isTerminal()}
     * (JDK 22+) tells, but this code targets the Java 21 API, so it is looked up reflectively.
     */
    static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private CapacityPlan capacity(LoadResult result, CpuProbe cpu, OptionalDouble targetBefore, double localBefore) {
        double targetRate = capacityTargetRps != null ? capacityTargetRps : result.achievedRate();
        long allRequests = result.timeline().stream().mapToLong(TimelinePoint::completed).sum();
        OptionalDouble targetAfter = cpu.targetCpuSeconds();
        if (targetBefore.isPresent() && targetAfter.isPresent()) {
            return CapacityPlan.of("target /metrics", targetAfter.getAsDouble() - targetBefore.getAsDouble(),
                    allRequests, targetRate, CapacityPlan.G3_CEILING);
        }
        return CapacityPlan.of("load generator process; target has no /metrics CPU",
                CpuProbe.localCpuSeconds() - localBefore, allRequests, targetRate, CapacityPlan.G3_CEILING);
    }

    private void write(ReportDocument doc) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (json != null) {
            Files.writeString(json, mapper.writeValueAsString(doc));
        }
        if (html != null) {
            Files.writeString(html, HtmlReport.render(doc, new ObjectMapper()));
        }
    }
}
