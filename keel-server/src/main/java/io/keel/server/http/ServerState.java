package io.keel.server.http;

import java.util.concurrent.atomic.AtomicBoolean;

/** Whether the server is shutting down: readiness turns 503 the moment this flips. */
public final class ServerState {

    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    /** @return true for the caller that began the shutdown */
    public boolean beginShutdown() {
        return shuttingDown.compareAndSet(false, true);
    }

    public boolean isShuttingDown() {
        return shuttingDown.get();
    }
}
