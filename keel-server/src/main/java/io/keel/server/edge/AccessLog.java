package io.keel.server.edge;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per request on the JUL logger {@value #LOGGER}, as {@code key=value} pairs a log shipper can split:
 * method, path, status, duration, bytes, client, key name, trace id. The key's secret is never known here: only
 * its configured name is. Route it with logging.properties ({@code io.keel.access.level=OFF} to silence).
 */
public final class AccessLog {

    public static final String LOGGER = "io.keel.access";

    private static final Logger LOG = Logger.getLogger(LOGGER);

    private AccessLog() {
    }

    static void log(String method, String path, int status, long durationNanos, long bytes, String client,
                    String keyName, String traceId) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        LOG.info("method=" + method + " path=" + path + " status=" + status
                + " durationMs=" + String.format(java.util.Locale.ROOT, "%.3f", durationNanos / 1e6)
                + " bytes=" + bytes + " client=" + client + " key=" + (keyName == null ? "-" : keyName)
                + " trace=" + traceId);
    }
}
