package io.keel.server.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every JUL record of every logger while open, formatted as a console handler would print it (stack traces too).
 * The access logger is captured as well: logging.properties gives it its own handler and no parent handlers.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final Logger access = Logger.getLogger(AccessLog.LOGGER);
    private final Level rootLevel = root.getLevel();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<String> lines = new ArrayList<>();

    LogCapture() {
        setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(this);
        if (!access.getUseParentHandlers()) {
            access.addHandler(this);
        }
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(formatter.format(record));
    }

    synchronized String text() {
        return String.join("", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        access.removeHandler(this);
        root.setLevel(rootLevel);
    }
}
