package io.keel.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The one configuration of a Keel server: immutable, validated at construction. Read it with
 * {@link ConfigLoader}, which layers defaults, keel.yaml, {@code KEEL_*} variables and flags.
 *
 * @param dbUrl  JDBC URL, or null for the embedded H2 database under {@code dataDir}
 * @param nodeId this node's id, or null to use the one kept in {@code dataDir}
 * @param apiKeys configured API keys ({@code name:secret:scope+scope,...}, see ApiKeys), or null for none
 * @param filesDir the file store's directory, or null for {@code <dataDir>/files}
 * @param storageMaxBytes file store capacity, 0 for none
 * @param storageMaxAgeMs maximum age of stored files, 0 for none
 * @param cacheL2 {@code redis}, {@code database} or {@code none}; null to follow {@code redisUrl}
 */
public record KeelConfig(
        String host,
        int port,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String redisUrl,
        String nodeId,
        int maxConcurrency,
        int maxConcurrencyPerAgent,
        long memoryBudgetBytes,
        long maxInputBytes,
        long defaultTimeoutMs,
        long maxTimeoutMs,
        int queueCapacity,
        long rateLimit,
        long rateBurst,
        long shutdownGraceMs,
        long recordsMaxAgeMs,
        long recordsMaxCount,
        String apiKeys,
        long cacheL1MaxBytes,
        long cacheTtlMs,
        String cacheNamespace,
        String cacheL2,
        long monitorIntervalMs,
        String alertWebhookUrl,
        String alertRulesFile,
        Path filesDir,
        long filesMaxBytes,
        long storageMaxBytes,
        long storageMaxAgeMs) {

    public static final long MB = 1024L * 1024L;

    public KeelConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        require(Setting.PORT, port >= 0 && port <= 65535, "must be within 0..65535", port);
        require(Setting.DB_POOL_SIZE, dbPoolSize >= 1, "must be at least 1", dbPoolSize);
        require(Setting.MAX_CONCURRENCY, maxConcurrency >= 1, "must be at least 1", maxConcurrency);
        require(Setting.MAX_CONCURRENCY_PER_AGENT, maxConcurrencyPerAgent >= 1, "must be at least 1",
                maxConcurrencyPerAgent);
        require(Setting.MEMORY_BUDGET_BYTES, memoryBudgetBytes >= 1, "must be at least 1", memoryBudgetBytes);
        require(Setting.MAX_INPUT_BYTES, maxInputBytes >= 1, "must be at least 1", maxInputBytes);
        require(Setting.DEFAULT_TIMEOUT_MS, defaultTimeoutMs >= 1, "must be at least 1", defaultTimeoutMs);
        require(Setting.MAX_TIMEOUT_MS, maxTimeoutMs >= defaultTimeoutMs,
                "must be at least " + Setting.DEFAULT_TIMEOUT_MS.envName() + " (" + defaultTimeoutMs + ")",
                maxTimeoutMs);
        require(Setting.QUEUE_CAPACITY, queueCapacity >= 1, "must be at least 1", queueCapacity);
        require(Setting.RATE_LIMIT, rateLimit >= 0, "must not be negative", rateLimit);
        require(Setting.RATE_BURST, rateBurst >= (rateLimit > 0 ? 1 : 0),
                rateLimit > 0 ? "must be at least 1 while " + Setting.RATE_LIMIT.envName() + " is on"
                        : "must not be negative", rateBurst);
        require(Setting.SHUTDOWN_GRACE_MS, shutdownGraceMs >= 0, "must not be negative", shutdownGraceMs);
        require(Setting.RECORDS_MAX_AGE_MS, recordsMaxAgeMs >= 1, "must be at least 1", recordsMaxAgeMs);
        require(Setting.RECORDS_MAX_COUNT, recordsMaxCount >= 1, "must be at least 1", recordsMaxCount);
        require(Setting.CACHE_L1_MAX_BYTES, cacheL1MaxBytes >= 1, "must be at least 1", cacheL1MaxBytes);
        require(Setting.CACHE_TTL_MS, cacheTtlMs >= 1, "must be at least 1", cacheTtlMs);
        if (cacheNamespace == null || cacheNamespace.isBlank()
                || cacheNamespace.chars().anyMatch(c -> "*?[]\\ ".indexOf(c) >= 0)) {
            throw new IllegalArgumentException(Setting.CACHE_NAMESPACE.envName()
                    + ": must be non-empty without spaces or glob characters, was '" + cacheNamespace + "'");
        }
        CacheSecondLevel.parse(cacheL2, redisUrl);
        require(Setting.MONITOR_INTERVAL_MS, monitorIntervalMs >= 10, "must be at least 10", monitorIntervalMs);
        require(Setting.FILES_MAX_BYTES, filesMaxBytes >= 1, "must be at least 1", filesMaxBytes);
        require(Setting.STORAGE_MAX_BYTES, storageMaxBytes >= 0, "must not be negative", storageMaxBytes);
        require(Setting.STORAGE_MAX_AGE_MS, storageMaxAgeMs >= 0, "must not be negative", storageMaxAgeMs);
        io.keel.server.edge.ApiKeys.parse(apiKeys); // refuses a malformed list now, naming the entry, not the secret
        if (nodeId != null && (nodeId.isBlank() || nodeId.length() > 64)) {
            throw new IllegalArgumentException(
                    Setting.NODE_ID.envName() + ": must be 1..64 characters, was '" + nodeId + "'");
        }
    }

    /** The documented defaults: loopback:8080, ./keel-data, F1's limits, 10,000 req/s per client. */
    public static KeelConfig defaults() {
        return new KeelConfig("127.0.0.1", 8080, Path.of("keel-data"), null, null, null, 10, null, null,
                10, 10, 500 * MB, 100 * MB, 300_000, 3_600_000, 10_000, 10_000, 10_000, 30_000,
                Duration.ofDays(7).toMillis(), 1_000_000, null,
                64 * MB, Duration.ofMinutes(10).toMillis(), "keel:results", null,
                1_000, null, null,
                null, 100 * MB, 0, 0);
    }

    public Duration defaultTimeout() {
        return Duration.ofMillis(defaultTimeoutMs);
    }

    public Duration maxTimeout() {
        return Duration.ofMillis(maxTimeoutMs);
    }

    public Duration monitorInterval() {
        return Duration.ofMillis(monitorIntervalMs);
    }

    /** The file store's directory: {@code filesDir}, else {@code <dataDir>/files}. */
    public Path resolvedFilesDir() {
        return filesDir != null ? filesDir : dataDir.resolve("files");
    }

    /** Where the result cache's second level lives, {@code cacheL2} resolved against {@code redisUrl}. */
    public CacheSecondLevel resolvedCacheL2() {
        return CacheSecondLevel.parse(cacheL2, redisUrl);
    }

    public Duration shutdownGrace() {
        return Duration.ofMillis(shutdownGraceMs);
    }

    /**
     * Checks what may only be judged as a whole before the server starts: without keys the server binds to
     * loopback only (API.md, Auth); with keys it may bind anywhere.
     *
     * @throws IllegalStateException naming the setting at fault
     */
    public KeelConfig requireStartable() {
        if (apiKeys != null && !apiKeys.isBlank()) {
            return this;
        }
        if (!isLoopback(host)) {
            throw new IllegalStateException(Setting.HOST.envName() + ": '" + host
                    + "' is not a loopback address; without API keys Keel binds to loopback only"
                    + " (127.0.0.1, ::1 or localhost)");
        }
        return this;
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void require(Setting setting, boolean ok, String rule, long value) {
        if (!ok) {
            throw new IllegalArgumentException(setting.envName() + ": " + rule + ", was " + value);
        }
    }

    @Override
    public String toString() {
        return "KeelConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", dbUrl="
                + (dbUrl == null ? "(embedded H2)" : dbUrl) + ", nodeId=" + nodeId + ", maxConcurrency="
                + maxConcurrency + ", queueCapacity=" + queueCapacity + ", rateLimit=" + rateLimit + "]";
    }
}
