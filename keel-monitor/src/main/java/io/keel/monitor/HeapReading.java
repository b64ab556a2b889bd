package io.keel.monitor;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.function.Supplier;

/** Heap in use and its ceiling, in bytes. */
public record HeapReading(long usedBytes, long maxBytes) {

    public HeapReading {
        if (usedBytes < 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("heap reading needs used >= 0 and max > 0, was used=" + usedBytes
                    + " max=" + maxBytes);
        }
    }

    public double usage() {
        return (double) usedBytes / maxBytes;
    }

    /** This JVM's heap (max falls back to committed when -Xmx is unbounded). */
    public static Supplier<HeapReading> jvm() {
        return () -> {
            MemoryUsage u = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            long max = u.getMax() > 0 ? u.getMax() : u.getCommitted();
            return new HeapReading(u.getUsed(), Math.max(1, max));
        };
    }
}
