package io.keel.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class TraceLogFormatterTest {

    @Test
    void linesLoggedDuringARequestCarryItsTraceId() {
        TraceLogFormatter formatter = new TraceLogFormatter();
        LogRecord record = new LogRecord(Level.WARNING, "something happened");
        record.setLoggerName("io.keel.server.Something");
        assertThat(formatter.format(record)).doesNotContain("trace=");

        TraceParent trace = TraceParent.continueOrStart(null);
        EdgeContext.set(new EdgeContext.Request(trace, "GET", "/x", "", null, null, null, null));
        try {
            assertThat(formatter.format(record)).contains("something happened trace=" + trace.traceId());
        } finally {
            EdgeContext.clear();
        }
    }

    @Test
    void invalidTraceparentsStartANewTrace() {
        assertThat(TraceParent.continueOrStart("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").traceId())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        for (String bad : new String[] {"garbage", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"}) {
            assertThat(TraceParent.continueOrStart(bad).traceId()).as(bad).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }
    }
}
