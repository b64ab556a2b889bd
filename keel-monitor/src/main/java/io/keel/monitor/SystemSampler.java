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
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.ObjDoubleConsumer;
import oshi.SystemInfo;
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
 * <p>Cost control: per tick only counters read from a handful of /proc files (CPU ticks, load, meminfo,
 * this process) and JMX beans. Disk space, disk I/O and network counters refresh every
 * {@code ioEveryTicks}; enumerating file stores, disks and interfaces (mount tables, udev, the slow OSHI
 * calls) happens at construction and every {@code discoveryEveryTicks}.
 *
 * <p>Thread safety: {@code sample()} runs under a lock (one tick at a time; OSHI objects are not
 * thread-safe); readers see gauge holders' volatile values.
 */
public final class SystemSampler implements AutoCloseable {

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
    private OSProcess self;
    private List<OSFileStore> stores = List.of();
    private List<HWDiskStore> disks = List.of();
    private List<NetworkIF> interfaces = List.of();
    private long[] prevCpuTicks;
    private long prevProcessCpuMillis = -1;
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
            sampleProcess(now, first);
            sampleJvm(now, first);
            if (first || ticks % config.ioEveryTicks() == 0) {
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
        stores = os.getFileSystem().getFileStores(true);
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

    private void sampleProcess(long now, boolean first) {
        if (self == null || !self.updateAttributes()) {
            self = os.getProcess(os.getProcessId());
            if (self == null) {
                return;
            }
        }
        long cpuMillis = self.getKernelTime() + self.getUserTime();
        if (!first && prevProcessCpuMillis >= 0 && now > prevTickNanos) {
            double wallMillis = (now - prevTickNanos) / 1e6;
            set(PROCESS_CPU, clamp01((cpuMillis - prevProcessCpuMillis) / (wallMillis * logicalCpus)));
        }
        prevProcessCpuMillis = cpuMillis;
        set(PROCESS_RSS, self.getResidentSetSize());
        set("keel.system.process.threads", self.getThreadCount());
        set(OPEN_FDS, self.getOpenFiles());
        long limit = self.getSoftOpenFileLimit();
        if (limit > 0) {
            set(MAX_FDS, limit);
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
        for (OSFileStore s : stores) {
            s.updateAttributes();
            SeriesKey total = SeriesKey.of(DISK_TOTAL, "store", s.getMount());
            long totalBytes = s.getTotalSpace();
            if (totalBytes <= 0) {
                continue;
            }
            gauges.set(total, totalBytes);
            gauges.set(SeriesKey.of(DISK_FREE, "store", s.getMount()), s.getUsableSpace());
            gauges.set(SeriesKey.of(DISK_FREE_RATIO, "store", s.getMount()), clamp01((double) s.getUsableSpace() / totalBytes));
        }
        double seconds = first ? 0 : (now - prevIoNanos) / 1e9;
        double read = 0;
        double written = 0;
        for (HWDiskStore d : disks) {
            d.updateAttributes();
            long[] prev = prevDisk.put(d.getName(), new long[] {d.getReadBytes(), d.getWriteBytes()});
            if (prev != null && seconds > 0) {
                read += Math.max(0, d.getReadBytes() - prev[0]) / seconds;
                written += Math.max(0, d.getWriteBytes() - prev[1]) / seconds;
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
