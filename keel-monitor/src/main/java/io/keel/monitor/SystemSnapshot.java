package io.keel.monitor;

import java.util.List;

/**
 * The system section of a performance summary, typed: the latest sampled values (NaN when not sampled
 * on this platform). Ratios 0..1, sizes in bytes, rates per second.
 */
public record SystemSnapshot(double cpu, double processCpu, double load1m, double memoryUsage, double memoryTotal,
                             double memoryAvailable, double swapUsed, double heapUsage, double heapUsed,
                             double heapMax, double gcTimeRatio, double threads, double openFds, double maxFds,
                             List<Disk> disks, double diskReadRate, double diskWriteRate, double networkReceiveRate,
                             double networkSendRate) {

    public SystemSnapshot {
        disks = List.copyOf(disks);
    }

    /** Space of one file store. */
    public record Disk(String store, double totalBytes, double freeBytes, double freeRatio) {
    }

    static SystemSnapshot of(SystemSampler s) {
        List<Disk> disks = new java.util.ArrayList<>();
        s.forEach((key, value) -> {
            if (key.name().equals(MonitorSeries.DISK_FREE_RATIO)) {
                String store = key.tags().get("store");
                disks.add(new Disk(store, s.value(SeriesKey.of(MonitorSeries.DISK_TOTAL, "store", store)),
                        s.value(SeriesKey.of(MonitorSeries.DISK_FREE, "store", store)), value));
            }
        });
        disks.sort(java.util.Comparator.comparing(Disk::store));
        return new SystemSnapshot(s.value(MonitorSeries.SYSTEM_CPU), s.value(MonitorSeries.PROCESS_CPU),
                s.value(MonitorSeries.LOAD_1M), s.value(MonitorSeries.MEMORY_USAGE), s.value(MonitorSeries.MEMORY_TOTAL),
                s.value(MonitorSeries.MEMORY_AVAILABLE), s.value(MonitorSeries.SWAP_USED),
                s.value(MonitorSeries.HEAP_USAGE), s.value(MonitorSeries.HEAP_USED), s.value(MonitorSeries.HEAP_MAX),
                s.value(MonitorSeries.GC_TIME_RATIO), s.value(MonitorSeries.THREADS_LIVE), s.value(MonitorSeries.OPEN_FDS),
                s.value(MonitorSeries.MAX_FDS), disks, s.value(MonitorSeries.DISK_READ_RATE),
                s.value(MonitorSeries.DISK_WRITE_RATE), s.value(MonitorSeries.NET_RECEIVE_RATE),
                s.value(MonitorSeries.NET_SEND_RATE));
    }
}
