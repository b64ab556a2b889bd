package io.keel.server.edge;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The access log's own JUL handler (logging.properties routes {@value AccessLog#LOGGER} here): the same line as
 * the console's {@code SimpleFormatter} format ({@code <local time to the ms> INFO io.keel.access: <message>}),
 * on stderr, but without what made the console handler cost ~30 µs a line: {@code String.format} with date
 * conversions, the stack walk {@code SimpleFormatter} does to find the caller, and one write and flush per line.
 * Lines are appended to a buffer and written in one call when {@link AccessLog}'s writer has emptied its queue
 * ({@link #flush()}), or once the buffer holds {@link #FLUSH_BYTES}. Whole lines only per write, so they never
 * interleave mid-line with other stderr output.
 *
 * <p>Thread-safe: publish and flush are synchronized (in practice one thread, the access-log writer, calls them).
 */
public final class AccessLogHandler extends Handler {

    static final int FLUSH_BYTES = 32 * 1024;

    private final PrintStream out;
    private final ZoneId zone = ZoneId.systemDefault();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 1024);
    private final StringBuilder line = new StringBuilder(256);
    private long second = Long.MIN_VALUE;
    private String secondText = "";

    /** Used by logging.properties: writes to stderr, where the rest of the log goes. */
    public AccessLogHandler() {
        this(System.err);
    }

    AccessLogHandler(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        line.setLength(0);
        appendTime(record.getInstant());
        line.append(' ').append(record.getLevel().getName()).append(' ').append(record.getLoggerName()).append(": ")
                .append(record.getMessage()).append(System.lineSeparator());
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
        if (buffer.size() >= FLUSH_BYTES) {
            flush();
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSS} in the local zone; the part up to the second is reused within a second. */
    private void appendTime(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        if (epochSecond != second) {
            LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
            secondText = String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
            second = epochSecond;
        }
        int millis = instant.getNano() / 1_000_000;
        line.append(secondText).append('.');
        if (millis < 100) {
            line.append('0');
        }
        if (millis < 10) {
            line.append('0');
        }
        line.append(millis);
    }

    @Override
    public synchronized void flush() {
        if (buffer.size() == 0) {
            return;
        }
        try {
            // One write of whole lines: PrintStream locks, so console lines from other loggers never cut into them.
            out.writeBytes(buffer.toByteArray());
            out.flush();
        } catch (RuntimeException e) {
            reportError("access log write failed", e, ErrorManager.WRITE_FAILURE);
        }
        buffer.reset();
    }

    @Override
    public synchronized void close() {
        flush();
    }
}
