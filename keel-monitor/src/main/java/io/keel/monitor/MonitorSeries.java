package io.keel.monitor;

/**
 * Series names the default alert rules, suggestions and forecasts read. The system ones are written by
 * {@link SystemSampler}; the others are fed by whoever knows them (the server: {@code Monitor.track(...)}
 * or a Micrometer meter recorded into the history). Ratios are 0..1, durations in seconds, sizes in bytes.
 */
public final class MonitorSeries {

    private MonitorSeries() {
    }

    // --- written by SystemSampler (also Micrometer gauges of the same name) ---
    public static final String SYSTEM_CPU = "keel.system.cpu.usage";
    public static final String PROCESS_CPU = "keel.system.process.cpu.usage";
    public static final String LOAD_1M = "keel.system.load.1m";
    public static final String MEMORY_TOTAL = "keel.system.memory.total";
    public static final String MEMORY_AVAILABLE = "keel.system.memory.available";
    public static final String MEMORY_USAGE = "keel.system.memory.usage";
    public static final String SWAP_TOTAL = "keel.system.swap.total";
    public static final String SWAP_USED = "keel.system.swap.used";
    public static final String HEAP_USED = "keel.system.jvm.heap.used";
    public static final String HEAP_MAX = "keel.system.jvm.heap.max";
    public static final String HEAP_USAGE = "keel.system.jvm.heap.usage";
    /** Fraction of wall time spent in GC over the last sampling interval. */
    public static final String GC_TIME_RATIO = "keel.system.jvm.gc.time.ratio";
    public static final String THREADS_LIVE = "keel.system.jvm.threads.live";
    public static final String PROCESS_RSS = "keel.system.process.rss";
    public static final String OPEN_FDS = "keel.system.process.open.fds";
    public static final String MAX_FDS = "keel.system.process.max.fds";
    /** Per file store, tag {@code store} = mount point. */
    public static final String DISK_TOTAL = "keel.system.disk.total";
    public static final String DISK_FREE = "keel.system.disk.free";
    public static final String DISK_FREE_RATIO = "keel.system.disk.free.ratio";
    /** Bytes per second summed over physical disks. */
    public static final String DISK_READ_RATE = "keel.system.disk.read.rate";
    public static final String DISK_WRITE_RATE = "keel.system.disk.write.rate";
    /** Bytes per second summed over non-loopback interfaces. */
    public static final String NET_RECEIVE_RATE = "keel.system.network.receive.rate";
    public static final String NET_SEND_RATE = "keel.system.network.send.rate";
    /** Busiest interface's (rx+tx bits/s) / link speed, when the speed is known. */
    public static final String NET_USAGE = "keel.system.network.usage";

    // --- fed by the server (or any embedding application) ---
    /** API request latency p95 in seconds. */
    public static final String LATENCY_P95 = "keel.requests.latency.p95";
    /** Completed requests (or operations) per second. */
    public static final String THROUGHPUT = "keel.requests.throughput";
    /** Failed / total over the last interval, 0..1. */
    public static final String ERROR_RATIO = "keel.requests.error.ratio";
    /** Active / max connections of the DB pool, 0..1. */
    public static final String DB_POOL_USAGE = "keel.db.pool.usage";
    /** Seconds the pool's callers waited for a connection (p95). */
    public static final String DB_POOL_WAIT = "keel.db.pool.wait.p95";
    /** Governor queue wait p95 in seconds; tag {@code agent} optional. */
    public static final String QUEUE_WAIT_P95 = "keel.governor.queue.wait.p95";
    /** Running / concurrency limit of the governor, 0..1. */
    public static final String GOVERNOR_UTILISATION = "keel.governor.utilisation";
    /** Cache hit ratio 0..1; tag {@code cache} optional. */
    public static final String CACHE_HIT_RATIO = "keel.cache.hit.ratio";
    /** Cache requests per second, so a low hit ratio on no traffic says nothing. */
    public static final String CACHE_REQUEST_RATE = "keel.cache.request.rate";
}
