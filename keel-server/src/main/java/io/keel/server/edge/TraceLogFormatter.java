package io.keel.server.edge;

import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The log format of {@link SimpleFormatter} plus {@code trace=<id>} on every line logged while a request is
 * handled: the MDC of JUL. Handlers format on the logging thread (ConsoleHandler is synchronous), which is the
 * request's virtual thread, so {@link EdgeContext} is the right request. Set in logging.properties.
 */
public final class TraceLogFormatter extends SimpleFormatter {

    @Override
    public String format(LogRecord record) {
        String line = super.format(record);
        String traceId = EdgeContext.traceId();
        if (traceId == null || record.getLoggerName() != null && record.getLoggerName().equals(AccessLog.LOGGER)) {
            return line;
        }
        String nl = System.lineSeparator();
        return line.endsWith(nl) ? line.substring(0, line.length() - nl.length()) + " trace=" + traceId + nl
                : line + " trace=" + traceId;
    }
}
