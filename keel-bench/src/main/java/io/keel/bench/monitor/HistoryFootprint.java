package io.keel.bench.monitor;

import io.keel.monitor.History;
import io.keel.monitor.HistoryConfig;
import io.keel.monitor.SeriesKey;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Locale;

/**
 * Footprint of the history for 500 series × 24 h sampled every second (43.2 million samples), measured
 * as the heap delta after full GCs and as the retained size of the bucket arrays; also the cost per
 * recorded sample. Usage: {@code java -Xmx256m ... io.keel.bench.monitor.HistoryFootprint [series=500] [hours=24]}
 */
public final class HistoryFootprint {

    public static void main(String[] args) {
        int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        long before = usedAfterGc();
        History history = new History(HistoryConfig.defaults());
        SeriesKey[] keys = new SeriesKey[seriesCount];
        for (int i = 0; i < seriesCount; i++) {
            keys[i] = SeriesKey.of("keel.bench.series", "n", Integer.toString(i));
        }
        long start = System.nanoTime();
        long samples = 0;
        long afterOneHour = 0;
        for (long s = 0; s < hours * 3600L; s++) {
            long t = t0 + s * 1000;
            for (SeriesKey key : keys) {
                history.record(key, t, (s * 7 + key.hashCode()) % 1000 / 10.0);
                samples++;
            }
            if (s == 3600) {
                afterOneHour = usedAfterGc() - before;
            }
        }
        long elapsed = System.nanoTime() - start;
        long delta = usedAfterGc() - before;
        System.out.printf(Locale.ROOT, "%d series x %d h at 1 s: %d samples, %.1f ns per sample%n", seriesCount, hours,
                samples, (double) elapsed / samples);
        System.out.printf(Locale.ROOT, "bucket arrays retained: %.2f MB (%d bytes per series)%n",
                history.retainedBytes() / 1048576.0, history.retainedBytes() / seriesCount);
        System.out.printf(Locale.ROOT, "heap delta after GC:    %.2f MB (after 1 h: %.2f MB)%n", delta / 1048576.0,
                afterOneHour / 1048576.0);
        System.out.println("series held: " + history.seriesCount());
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
