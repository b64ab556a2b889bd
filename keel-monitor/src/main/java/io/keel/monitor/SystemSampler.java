package io.keel.monitor;

import static io.keel.monitor.MonitorSeries.*;

import io.keel.monitor.internal.Gauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.ObjDoubleConsumer;
import oshi.SystemInfo;
import oshi.driver.linux.proc.DiskStats;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples the host and this JVM with OSHI and publishes everything as Micrometer gauges named
 * {@code keel.system.*} ({@link MonitorSeries}). Each call to {@link #sample()} is one tick.
 *
 * <p>Cost control (measured per call on Linux, see docs/benchmarks/monitor.md): per tick only the cheap
 * reads — OSHI's CPU ticks, load and meminfo (microseconds) and JMX beans for process CPU, heap, GC and
 * threads. Every {@code ioEveryTicks}: process RSS and descriptors, disk space through NIO's statvfs on
 * the known mount points, network counters, and disk I/O from OSHI's /proc/diskstats driver (OSHI's
 * {@code OSFileStore.updateAttributes} and {@code HWDiskStore.updateAttributes} re-enumerate mounts and
 * udev, 4–6 ms each, so they are avoided on the hot path). Enumerating file stores, disks and interfaces
 * happens at construction and every {@code discoveryEveryTicks}.
 *
 * <p>Thread safety: {@code sample()} runs under a lock (one tick at a time; OSHI objects are not
 * thread-safe); readers see gauge holders' volatile values.
 */
public final class SystemSampler implements AutoCloseable {

    /** /proc/diskstats counts 512-byte sectors whatever the device's block size. */
    private static final long SECTOR = 512;

    private final SamplerConfig config;
    private final LongSupplier nanoTime;
    private final Gauges gauges = new Gauges();
    private final ReentrantLock lock = new ReentrantLock();
    private final HardwareAbstractionLayer hal;
    private final OperatingSystem os;
    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final int logicalCpus;
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final java.lang.management.OperatingSystemMXBean osBean = ManagementFactory.getOperatingSystemMXBean();
    private final boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    private OSProcess self;
    private List<Map.Entry<String, FileStore>> stores = List.of();
    private List<HWDiskStore> disks = List.of();
    private List<NetworkIF> interfaces = List.of();
    private long[] prevCpuTicks;
    private long prevProcessCpuNanos = -1;
    private long prevGcMillis = -1;
    private long prevTickNanos;
    private long prevIoNanos;
    private final Map<String, long[]> prevDisk = new HashMap<>();
    private final Map<String, long[]> prevNet = new HashMap<>();
    private long ticks;

    public SystemSampler(SamplerConfig config, LongSupplier nanoTime) {
        this.config = Objects.requireNonNull(config, "config");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        SystemInfo si = new SystemInfo();
        this.hal = si.getHardware();
        this.os = si.getOperatingSystem();
        this.cpu = hal.getProcessor();
        this.memory = hal.getMemory();
        this.logicalCpus = Math.max(1, cpu.getLogicalProcessorCount());
        discover();
        sample();
    }

    public SamplerConfig config() {
        return config;
    }

    /** Registers every {@code keel.system.*} gauge (and, if configured, Micrometer's JVM binders) in the registry. */
    public void bindTo(MeterRegistry registry) {
        gauges.bindTo(registry);
        if (config.jvmBinders()) {
            new JvmMemoryMetrics().bindTo(registry);
            JvmGcMetrics gc = new JvmGcMetrics();
            gc.bindTo(registry);
            closeables.add(gc);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            new FileDescriptorMetrics().bindTo(registry);
        }
    }

    /** One tick. Cheap by design (see the class comment). */
    public void sample() {
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            boolean first = ticks == 0;
            if (!first && ticks % config.discoveryEveryTicks() == 0) {
                discover();
            }
            sampleCpuAndMemory();
            sampleProcessCpu(now, first);
            sampleJvm(now, first);
            if (first || ticks % config.ioEveryTicks() == 0) {
                sampleProcessResources();
                sampleStorageAndNetwork(now, first);
            }
            prevTickNanos = now;
            ticks++;
        } finally {
            lock.unlock();
        }
    }

    private void discover() {
        self = os.getProcess(os.getProcessId());
        List<Map.Entry<String, FileStore>> found = new ArrayList<>();
        for (OSFileStore s : os.getFileSystem().getFileStores(true)) {
            try {
                found.add(Map.entry(s.getMount(), Files.getFileStore(Path.of(s.getMount()))));
            } catch (IOException | RuntimeException unreadable) {
                // a mount we may not stat (permissions, vanished): not ours to watch
            }
        }
        stores = List.copyOf(found);
        disks = hal.getDiskStores();
        interfaces = hal.getNetworkIFs();
    }

    private void sampleCpuAndMemory() {
        long[] t = cpu.getSystemCpuLoadTicks();
        if (prevCpuTicks != null) {
            set(SYSTEM_CPU, clamp01(cpu.getSystemCpuLoadBetweenTicks(prevCpuTicks)));
        }
        prevCpuTicks = t;
        double[] load = cpu.getSystemLoadAverage(3);
        setIfNonNegative(LOAD_1M, load[0]);
        setIfNonNegative("keel.system.load.5m", load[1]);
        setIfNonNegative("keel.system.load.15m", load[2]);
        long total = memory.getTotal();
        long available = memory.getAvailable();
        set(MEMORY_TOTAL, total);
        set(MEMORY_AVAILABLE, available);
        if (total > 0) {
            set(MEMORY_USAGE, clamp01(1 - (double) available / total));
        }
        set(SWAP_TOTAL, memory.getVirtualMemory().getSwapTotal());
        set(SWAP_USED, memory.getVirtualMemory().getSwapUsed());
    }

    private void sampleProcessCpu(long now, boolean first) {
        if (!(osBean instanceof com.sun.management.OperatingSystemMXBean bean)) {
            return;
        }
        long cpuNanos = bean.getProcessCpuTime();
        if (cpuNanos < 0) {
            return;
        }
        if (!first && prevProcessCpuNanos >= 0 && now > prevTickNanos) {
            set(PROCESS_CPU, clamp01((double) (cpuNanos - prevProcessCpuNanos) / ((now - prevTickNanos) * (double) logicalCpus)));
        }
        prevProcessCpuNanos = cpuNanos;
    }

    private void sampleProcessResources() {
        if (self == null || !self.updateAttributes()) {
            self = os.getProcess(os.getProcessId());
        }
        if (self != null) {
            set(PROCESS_RSS, self.getResidentSetSize());
            set("keel.system.process.threads", self.getThreadCount());
        }
        if (osBean instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            set(OPEN_FDS, unix.getOpenFileDescriptorCount());
            set(MAX_FDS, unix.getMaxFileDescriptorCount());
        } else if (self != null) {
            set(OPEN_FDS, self.getOpenFiles());
            if (self.getSoftOpenFileLimit() > 0) {
                set(MAX_FDS, self.getSoftOpenFileLimit());
            }
        }
    }

    private void sampleJvm(long now, boolean first) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        set(HEAP_USED, heap.getUsed());
        set(HEAP_MAX, max);
        if (max > 0) {
            set(HEAP_USAGE, clamp01((double) heap.getUsed() / max));
        }
        long gcMillis = 0;
        for (GarbageCollectorMXBean c : collectors) {
            gcMillis += Math.max(0, c.getCollectionTime());
        }
        if (!first && prevGcMillis >= 0 && now > prevTickNanos) {
            set(GC_TIME_RATIO, clamp01((gcMillis - prevGcMillis) / ((now - prevTickNanos) / 1e6)));
        }
        prevGcMillis = gcMillis;
        set(THREADS_LIVE, ManagementFactory.getThreadMXBean().getThreadCount());
    }

    private void sampleStorageAndNetwork(long now, boolean first) {
        for (Map.Entry<String, FileStore> s : stores) {
            long totalBytes;
            long usable;
            try {
                totalBytes = s.getValue().getTotalSpace();
                usable = s.getValue().getUsableSpace();
            } catch (IOException e) {
                continue;
            }
            if (totalBytes <= 0) {
                continue;
            }
            gauges.set(SeriesKey.of(DISK_TOTAL, "store", s.getKey()), totalBytes);
            gauges.set(SeriesKey.of(DISK_FREE, "store", s.getKey()), usable);
            gauges.set(SeriesKey.of(DISK_FREE_RATIO, "store", s.getKey()), clamp01((double) usable / totalBytes));
        }
        double seconds = first ? 0 : (now - prevIoNanos) / 1e9;
        double read = 0;
        double written = 0;
        Map<String, long[]> io = diskCounters();
        for (Map.Entry<String, long[]> d : io.entrySet()) {
            long[] prev = prevDisk.put(d.getKey(), d.getValue());
            if (prev != null && seconds > 0) {
                read += Math.max(0, d.getValue()[0] - prev[0]) / seconds;
                written += Math.max(0, d.getValue()[1] - prev[1]) / seconds;
            }
        }
        double received = 0;
        double sent = 0;
        double busiest = Double.NaN;
        for (NetworkIF nif : interfaces) {
            nif.updateAttributes();
            long[] prev = prevNet.put(nif.getName(), new long[] {nif.getBytesRecv(), nif.getBytesSent()});
            if (prev != null && seconds > 0) {
                double rx = Math.max(0, nif.getBytesRecv() - prev[0]) / seconds;
                double tx = Math.max(0, nif.getBytesSent() - prev[1]) / seconds;
                received += rx;
                sent += tx;
                if (nif.getSpeed() > 0) {
                    double usage = clamp01((rx + tx) * 8 / nif.getSpeed());
                    busiest = Double.isNaN(busiest) ? usage : Math.max(busiest, usage);
                }
            }
        }
        if (seconds > 0) {
            set(DISK_READ_RATE, read);
            set(DISK_WRITE_RATE, written);
            set(NET_RECEIVE_RATE, received);
            set(NET_SEND_RATE, sent);
            if (!Double.isNaN(busiest)) {
                set(NET_USAGE, busiest);
            }
        }
        prevIoNanos = now;
    }

    /** Bytes read and written per physical disk since boot. */
    private Map<String, long[]> diskCounters() {
        Map<String, long[]> out = new HashMap<>();
        if (linux) {
            // /proc/diskstats through OSHI's driver: one file read, where HWDiskStore.updateAttributes asks udev
            Map<String, Map<DiskStats.IoStat, Long>> stats = DiskStats.getDiskStats();
            for (HWDiskStore d : disks) {
                String name = d.getName().startsWith("/dev/") ? d.getName().substring(5) : d.getName();
                Map<DiskStats.IoStat, Long> s = stats.get(name);
                if (s != null) {
                    out.put(name, new long[] {s.getOrDefault(DiskStats.IoStat.READS_SECTOR, 0L) * SECTOR,
                            s.getOrDefault(DiskStats.IoStat.WRITES_SECTOR, 0L) * SECTOR});
                }
            }
            if (!out.isEmpty() || disks.isEmpty()) {
                return out;
            }
        }
        for (HWDiskStore d : disks) {
            d.updateAttributes();
            out.put(d.getName(), new long[] {d.getReadBytes(), d.getWriteBytes()});
        }
        return out;
    }

    private void set(String name, double value) {
        gauges.set(new SeriesKey(name, Map.of()), value);
    }

    private void setIfNonNegative(String name, double value) {
        if (value >= 0) {
            set(name, value);
        }
    }

    private static double clamp01(double v) {
        return Double.isNaN(v) ? v : Math.max(0, Math.min(1, v));
    }

    /** The latest value of one sampled series (NaN if unknown). */
    public double value(SeriesKey key) {
        return gauges.get(key);
    }

    public double value(String name) {
        return gauges.get(new SeriesKey(name, Map.of()));
    }

    /** Every sampled series with its latest value, for recording into a {@link History}. */
    public void forEach(ObjDoubleConsumer<SeriesKey> consumer) {
        gauges.forEach(consumer);
    }

    public long ticks() {
        return ticks;
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a binder only unregisters listeners; nothing to recover
            }
        }
    }
}
