package io.keel.server.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per request on the JUL logger {@value #LOGGER}, as {@code key=value} pairs a log shipper can split:
 * method, path, status, duration, bytes, client, key name, trace id. The key's secret is never known here: only
 * its configured name is. Route it with logging.properties ({@code io.keel.access.level=OFF} to silence).
 *
 * <p>Lines are handed to one daemon writer through a bounded queue: JUL handlers lock and flush per record,
 * and with every request thread logging, that lock cut a GET's throughput by more than 80 % (edge.md). When
 * the writer falls behind, lines are dropped and counted rather than slowing requests; the writer logs the
 * count. Thread-safe: the queue is the only shared state besides the drop counter.
 */
public final class AccessLog {

    public static final String LOGGER = "io.keel.access";
    static final int QUEUE_CAPACITY = 65_536;
    private static final int BATCH = 512;
    /** While lines keep coming, the writer looks for them this often (so at most this late) instead of being woken. */
    static final long BUSY_PERIOD_MILLIS = 10;

    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final BlockingQueue<String> LINES = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private static final AtomicLong DROPPED = new AtomicLong();

    static {
        Thread writer = new Thread(AccessLog::drain, "keel-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    private AccessLog() {
    }

    static void log(String method, String path, int status, long durationNanos, long bytes, String client,
                    String keyName, String traceId) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        String line = "method=" + method + " path=" + path + " status=" + status
                + " durationMs=" + millis(durationNanos)
                + " bytes=" + bytes + " client=" + client + " key=" + (keyName == null ? "-" : keyName)
                + " trace=" + traceId;
        if (!LINES.offer(line)) {
            DROPPED.incrementAndGet();
        }
    }

    /** Milliseconds with three decimals, without String.format (which costs more than the rest of the line). */
    static String millis(long nanos) {
        long micros = Math.max(0, nanos) / 1000;
        long fraction = micros % 1000;
        return micros / 1000 + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    /**
     * Idle, the writer blocks on the queue, so the first line after a pause wakes it. Busy, it does not wait to
     * be woken: it writes everything queued, flushes the logger's own handlers ({@link AccessLogHandler} buffers
     * until then), sleeps {@link #BUSY_PERIOD_MILLIS} and looks again, going back to blocking only once a look
     * finds nothing. Waking it for every line costs each request a futex wake and the writer a context switch
     * and a write per line (docs/benchmarks/edge.md has the numbers). {@code logp} names the source,
     * so JUL does not walk the stack to find the caller of each line.
     */
    private static void drain() {
        List<String> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                batch.add(LINES.take());
                while (!batch.isEmpty()) {
                    do {
                        LINES.drainTo(batch, BATCH - batch.size());
                        publish(batch);
                    } while (LINES.drainTo(batch, BATCH) > 0);
                    for (Handler handler : LOG.getHandlers()) {
                        handler.flush();
                    }
                    Thread.sleep(BUSY_PERIOD_MILLIS);
                    LINES.drainTo(batch, BATCH);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a failing handler must not stop the writer; the next line tries again
                batch.clear();
            }
        }
    }

    private static void publish(List<String> batch) {
        try {
            for (String line : batch) {
                LOG.logp(Level.INFO, LOGGER, "-", line);
            }
        } finally {
            batch.clear();
        }
        long dropped = DROPPED.getAndSet(0);
        if (dropped > 0) {
            LOG.logp(Level.WARNING, LOGGER, "-", "access log fell behind: " + dropped + " lines dropped");
        }
    }
}
