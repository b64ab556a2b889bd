package io.keel.server.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.keel.monitor.SystemSnapshot;

/**
 * Enriches the performance summary's {@code system} section with the monitor's sampled values. Every field
 * the tracker already shows stays (the dashboard and clients read them); {@code cpu} becomes the sampled
 * system CPU once there is one, and the rest is added. Values not sampled on this platform (NaN) are left out.
 */
final class SystemSection implements UnaryOperator<Map<String, Object>> {

    private final Supplier<Optional<SystemSnapshot>> snapshots;

    SystemSection(Supplier<Optional<SystemSnapshot>> snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(Map<String, Object> base) {
        Optional<SystemSnapshot> sampled = snapshots.get();
        if (sampled.isEmpty()) {
            return base;
        }
        SystemSnapshot s = sampled.get();
        Map<String, Object> system = new LinkedHashMap<>(base);
        if (ratio(s.cpu())) {
            system.put("cpu", s.cpu());
        }
        putFinite(system, "processCpu", s.processCpu());
        putFinite(system, "load1m", s.load1m());
        putFinite(system, "gcTimeRatio", s.gcTimeRatio());
        putFinite(system, "threads", s.threads());
        putFinite(system, "openFds", s.openFds());
        Map<String, Object> memory = new LinkedHashMap<>((Map<String, Object>) base.getOrDefault("memory", Map.of()));
        putFinite(memory, "heapUsage", s.heapUsage());
        putFinite(memory, "systemUsage", s.memoryUsage());
        putFinite(memory, "systemTotalBytes", s.memoryTotal());
        putFinite(memory, "systemAvailableBytes", s.memoryAvailable());
        putFinite(memory, "swapUsedBytes", s.swapUsed());
        system.put("memory", memory);
        Map<String, Object> disk = new LinkedHashMap<>((Map<String, Object>) base.getOrDefault("disk", Map.of()));
        List<Map<String, Object>> stores = new ArrayList<>();
        for (SystemSnapshot.Disk d : s.disks()) {
            Map<String, Object> store = new LinkedHashMap<>();
            store.put("store", d.store());
            putFinite(store, "totalBytes", d.totalBytes());
            putFinite(store, "freeBytes", d.freeBytes());
            putFinite(store, "freeRatio", d.freeRatio());
            stores.add(store);
        }
        disk.put("stores", stores);
        putFinite(disk, "readBytesPerSec", s.diskReadRate());
        putFinite(disk, "writeBytesPerSec", s.diskWriteRate());
        system.put("disk", disk);
        Map<String, Object> network = new LinkedHashMap<>();
        putFinite(network, "receiveBytesPerSec", s.networkReceiveRate());
        putFinite(network, "sendBytesPerSec", s.networkSendRate());
        system.put("network", network);
        system.put("source", "monitor");
        return system;
    }

    private static boolean ratio(double v) {
        return !Double.isNaN(v) && v >= 0 && v <= 1;
    }

    private static void putFinite(Map<String, Object> map, String key, double value) {
        if (Double.isFinite(value)) {
            map.put(key, value);
        }
    }
}
