package io.keel.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class AccessLogHandlerTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final AccessLogHandler handler = new AccessLogHandler(new PrintStream(written, false, StandardCharsets.UTF_8));

    @Test
    void writesTheConsoleLineFormatOnlyWhenFlushed() {
        Instant at = Instant.parse("2026-11-25T23:01:59.073Z");
        handler.publish(record("method=GET path=/api/v1/agents status=200 trace=abc", at));
        handler.publish(record("method=POST path=/api/v1/operations status=202 trace=def", at.plusMillis(1008)));
        assertThat(written.size()).isZero();

        handler.flush();
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneId.systemDefault())
                .format(at);
        String next = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneId.systemDefault())
                .format(at.plusMillis(1008));
        String nl = System.lineSeparator();
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(
                local + " INFO io.keel.access: method=GET path=/api/v1/agents status=200 trace=abc" + nl
                        + next + " INFO io.keel.access: method=POST path=/api/v1/operations status=202 trace=def" + nl);
    }

    @Test
    void writesWholeLinesOnceTheBufferIsFullWithoutAFlush() {
        String message = "method=GET path=/api/v1/agents status=200 " + "x".repeat(200);
        int published = 0;
        while (written.size() == 0) {
            handler.publish(record(message, Instant.now()));
            published++;
        }
        assertThat(published).isGreaterThan(AccessLogHandler.FLUSH_BYTES / 300);
        String text = written.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith(System.lineSeparator());
        assertThat(text.split(System.lineSeparator())).hasSize(published)
                .allSatisfy(line -> assertThat(line).endsWith(message));
    }

    @Test
    void recordsBelowTheHandlersLevelAreNotWritten() {
        handler.setLevel(Level.WARNING);
        handler.publish(record("method=GET", Instant.now()));
        handler.close();
        assertThat(written.size()).isZero();
    }

    @Test
    void theAccessLogWriterFlushesALoneLineWithoutWaitingForMore() {
        Logger access = Logger.getLogger(AccessLog.LOGGER);
        Level level = access.getLevel();
        access.setLevel(Level.INFO);
        access.addHandler(handler);
        try {
            String trace = TraceParent.continueOrStart(null).traceId();
            AccessLog.log("GET", "/api/v1/agents", 200, 1_234_567, 1452, "127.0.0.1", "ci", trace);
            Awaitility.await().until(() -> written.toString(StandardCharsets.UTF_8).contains("trace=" + trace));
            assertThat(written.toString(StandardCharsets.UTF_8)).contains(" INFO io.keel.access: method=GET "
                    + "path=/api/v1/agents status=200 durationMs=1.234 bytes=1452 client=127.0.0.1 key=ci trace=" + trace);
        } finally {
            access.removeHandler(handler);
            access.setLevel(level);
        }
    }

    private static LogRecord record(String message, Instant at) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName(AccessLog.LOGGER);
        record.setInstant(at);
        return record;
    }
}
