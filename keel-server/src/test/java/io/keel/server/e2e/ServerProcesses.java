package io.keel.server.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Starts {@link ServerProcess}es for a test, kills whatever is still alive after it, and prints their output
 * when the test fails, so a failure shows what the server said. Register with {@code @RegisterExtension}.
 */
public final class ServerProcesses implements AfterEachCallback, TestWatcher {

    private final List<ServerProcess> started = new ArrayList<>();

    public ServerProcess start(Path dataDir, String... settings) {
        ServerProcess server = ServerProcess.start(dataDir, settings);
        started.add(server);
        return server;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(ServerProcess::close);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        started.forEach(server -> System.out.printf("==== output of the Keel server process ====%n%s%n", server.output()));
        started.clear();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        started.clear();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        started.clear();
    }
}
