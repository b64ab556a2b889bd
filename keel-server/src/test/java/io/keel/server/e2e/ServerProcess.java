package io.keel.server.e2e;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Keel server started as a separate JVM ({@code KeelCli serve --port 0}) on a given data directory,
 * for tests that must kill it, stop it or restart it.
 *
 * <p>The port is learned from the one stdout line {@code Keel is ready: dashboard at http://HOST:PORT/}.
 * Everything the process prints is kept, across restarts, so a failing test can show it. Not thread-safe:
 * one test drives one instance; only the output buffer is shared with the reader thread (a StringBuffer).
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Keel is ready: dashboard at (http://\\S+)");
    private static final Duration STARTUP_BOUND = Duration.ofSeconds(60);

    private final Path dataDir;
    private final List<String> settings;
    private final StringBuffer output = new StringBuffer();
    private Process process;
    private URI baseUrl;
    private int starts;

    private ServerProcess(Path dataDir, List<String> settings) {
        this.dataDir = dataDir;
        this.settings = List.copyOf(settings);
    }

    /**
     * Starts a server and waits until it is ready.
     *
     * @param settings extra {@code serve} flags, e.g. {@code "--max-concurrency", "2"}
     */
    public static ServerProcess start(Path dataDir, String... settings) {
        ServerProcess server = new ServerProcess(dataDir, List.of(settings));
        server.launch();
        return server;
    }

    /** Starts the server again on the same data directory (hence the same node id) and flags. */
    public void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("server is still running (pid " + process.pid() + "); stop it first");
        }
        launch();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return baseUrl.getPort();
    }

    public URI uri(String path) {
        return baseUrl.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Everything the server printed so far, every start included. */
    public String output() {
        return output.toString();
    }

    /**
     * Kills the process with SIGKILL (on Linux {@link ProcessHandle#destroyForcibly()} sends signal 9, which the
     * JVM cannot catch: no shutdown hook runs) and waits for it to be gone.
     *
     * @return the exit status, 137 (128 + 9) when the kill came from the signal
     */
    public int killHard() {
        process.toHandle().destroyForcibly();
        return awaitExit(Duration.ofSeconds(30));
    }

    /** Sends SIGTERM, so the server's shutdown hook runs a graceful shutdown; does not wait. */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the process to end within the bound and answers its exit status. */
    public int awaitExit(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("server did not exit within " + bound + "; output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the server to exit", e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.toHandle().destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void launch() {
        starts++;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small and quick to start: the machine is shared and these servers do little work.
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", productionClasspath(),
                "io.keel.server.cli.KeelCli", "serve",
                "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The settings under test come from flags only, whatever the environment of the build says.
        builder.environment().keySet().removeIf(name -> name.startsWith("KEEL_"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        output.append("---- start #").append(starts).append(" (pid ").append(process.pid()).append(") ----\n");
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Process started = process;
        Thread reader = new Thread(() -> pump(started, ready), "keel-server-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        started.onExit().thenRun(() -> ready.completeExceptionally(
                new IllegalStateException("server exited with status " + started.exitValue() + " before it was ready")));
        try {
            baseUrl = ready.get(STARTUP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new AssertionError("Keel did not print its ready line within " + STARTUP_BOUND + " ("
                    + e.getMessage() + "); output:\n" + output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new AssertionError("interrupted while waiting for the server", e);
        }
    }

    /**
     * The test JVM's classpath without the test output directories: the server runs what ships, and test
     * resources (a stub {@code web/index.html}, say) cannot shadow the real ones.
     */
    static String productionClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void pump(Process source, CompletableFuture<URI> ready) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                Matcher matcher = READY.matcher(line);
                if (!ready.isDone() && matcher.find()) {
                    String url = matcher.group(1);
                    ready.complete(URI.create(url.endsWith("/") ? url : url + "/"));
                }
            }
        } catch (IOException e) {
            output.append("(output closed: ").append(e.getMessage()).append(")\n");
        }
    }
}
