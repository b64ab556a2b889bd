package io.keel.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A redis-server of the test's own on a free loopback port, for outages: stopping it freezes nobody else's Redis.
 * Needs the {@code redis-server} and {@code redis-cli} binaries that the shared Redis comes with; the caller checks
 * {@link Services#REDIS} first. Not started until {@link #start()}, so a test can also begin with Redis down.
 */
public final class PrivateRedis implements AutoCloseable {

    private final int port = FreePorts.next();
    private final Path dir;
    private final Services.Endpoint endpoint;

    public PrivateRedis() {
        try {
            dir = Files.createTempDirectory("keel-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endpoint = new Services.Endpoint("private Redis", "127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server and returns once it accepts connections. */
    public void start() {
        run("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                "no", "--daemonize", "yes", "--dir", dir.toString(), "--pidfile", dir.resolve("redis.pid").toString());
        await().atMost(Duration.ofSeconds(10)).until(endpoint::isUp);
    }

    /** Shuts the server down (no save) and returns once it no longer accepts connections. */
    public void stop() {
        if (endpoint.isUp()) {
            run("redis-cli", "-p", Integer.toString(port), "shutdown", "nosave");
            await().atMost(Duration.ofSeconds(10)).until(() -> !endpoint.isUp());
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }
}
