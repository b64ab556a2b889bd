package io.keel.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Builds a {@link KeelConfig} from four layers, each overriding the one before: defaults, keel.yaml, the
 * {@code KEEL_*} environment, command-line flags. A bad value is refused with a message that names it
 * as the user wrote it ({@code KEEL_PORT}, {@code --port} or {@code keel.yaml: port}), never corrected.
 */
public final class ConfigLoader {

    /** The file read when no {@code --config} is given and it exists in the working directory. */
    public static final Path DEFAULT_FILE = Path.of("keel.yaml");

    private final Map<Setting, Raw> values = new EnumMap<>(Setting.class);

    private record Raw(String value, String source) {
    }

    /**
     * @param configFile keel.yaml to read, or null for {@link #DEFAULT_FILE} if present
     * @param env        the environment, e.g. {@code System.getenv()}
     * @param flags      flag values keyed by setting (already stripped of {@code --})
     */
    public static KeelConfig load(Path configFile, Map<String, String> env, Map<Setting, String> flags) {
        ConfigLoader loader = new ConfigLoader();
        Path file = configFile;
        if (file == null && Files.isRegularFile(DEFAULT_FILE)) {
            file = DEFAULT_FILE;
        }
        if (file != null) {
            loader.readYaml(file);
        }
        for (Setting setting : Setting.values()) {
            String value = env.get(setting.envName());
            if (value != null) {
                loader.values.put(setting, new Raw(value, setting.envName()));
            }
        }
        flags.forEach((setting, value) -> loader.values.put(setting, new Raw(value, setting.flag())));
        return loader.build();
    }

    private void readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read configuration: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a mapping of settings");
        }
        Map<String, Setting> byKey = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            byKey.put(s.key(), s);
        }
        root.properties().forEach(entry -> {
            String key = entry.getKey().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            Setting setting = byKey.get(key);
            String source = file.getFileName() + ": " + entry.getKey();
            if (setting == null) {
                throw new IllegalArgumentException(source + ": unknown setting; known: " + byKey.keySet());
            }
            JsonNode value = entry.getValue();
            if (setting == Setting.API_KEYS && value.isArray()) {
                // keel.yaml may list keys one per line; the same text as KEEL_API_KEYS once joined
                StringBuilder joined = new StringBuilder();
                value.forEach(item -> joined.append(joined.isEmpty() ? "" : ",").append(item.asText()));
                values.put(setting, new Raw(joined.toString(), source));
                return;
            }
            if (value.isContainerNode()) {
                throw new IllegalArgumentException(source + ": expected a single value, was " + value);
            }
            if (!value.isNull()) {
                values.put(setting, new Raw(value.asText(), source));
            }
        });
    }

    private KeelConfig build() {
        KeelConfig d = KeelConfig.defaults();
        long rate = longValue(Setting.RATE_LIMIT, d.rateLimit(), v -> v >= 0, "a non-negative integer");
        long defaultTimeout = longValue(Setting.DEFAULT_TIMEOUT_MS, d.defaultTimeoutMs(), v -> v >= 1,
                "a positive integer");
        return new KeelConfig(
                text(Setting.HOST, d.host()),
                (int) longValue(Setting.PORT, d.port(), v -> v >= 0 && v <= 65535, "an integer 0..65535"),
                Path.of(text(Setting.DATA_DIR, d.dataDir().toString())),
                text(Setting.DB_URL, d.dbUrl()),
                text(Setting.DB_USER, d.dbUser()),
                text(Setting.DB_PASSWORD, d.dbPassword()),
                intValue(Setting.DB_POOL_SIZE, d.dbPoolSize()),
                text(Setting.REDIS_URL, d.redisUrl()),
                text(Setting.NODE_ID, d.nodeId()),
                intValue(Setting.MAX_CONCURRENCY, d.maxConcurrency()),
                intValue(Setting.MAX_CONCURRENCY_PER_AGENT, d.maxConcurrencyPerAgent()),
                longValue(Setting.MEMORY_BUDGET_BYTES, d.memoryBudgetBytes(), v -> v >= 1, "a positive integer"),
                longValue(Setting.MAX_INPUT_BYTES, d.maxInputBytes(), v -> v >= 1, "a positive integer"),
                defaultTimeout,
                longValue(Setting.MAX_TIMEOUT_MS, Math.max(d.maxTimeoutMs(), defaultTimeout), v -> v >= 1,
                        "a positive integer"),
                intValue(Setting.QUEUE_CAPACITY, d.queueCapacity()),
                rate,
                longValue(Setting.RATE_BURST, rate, v -> v >= 0, "a non-negative integer"),
                longValue(Setting.SHUTDOWN_GRACE_MS, d.shutdownGraceMs(), v -> v >= 0, "a non-negative integer"),
                longValue(Setting.RECORDS_MAX_AGE_MS, d.recordsMaxAgeMs(), v -> v >= 1, "a positive integer"),
                longValue(Setting.RECORDS_MAX_COUNT, d.recordsMaxCount(), v -> v >= 1, "a positive integer"),
                text(Setting.API_KEYS, d.apiKeys()),
                longValue(Setting.CACHE_L1_MAX_BYTES, d.cacheL1MaxBytes(), v -> v >= 1, "a positive integer"),
                longValue(Setting.CACHE_TTL_MS, d.cacheTtlMs(), v -> v >= 1, "a positive integer"),
                text(Setting.CACHE_NAMESPACE, d.cacheNamespace()),
                text(Setting.CACHE_L2, d.cacheL2()),
                longValue(Setting.MONITOR_INTERVAL_MS, d.monitorIntervalMs(), v -> v >= 10, "an integer of at least 10"),
                text(Setting.ALERT_WEBHOOK_URL, d.alertWebhookUrl()),
                text(Setting.ALERT_RULES_FILE, d.alertRulesFile()),
                filesDir(),
                longValue(Setting.FILES_MAX_BYTES, d.filesMaxBytes(), v -> v >= 1, "a positive integer"),
                longValue(Setting.STORAGE_MAX_BYTES, d.storageMaxBytes(), v -> v >= 0, "a non-negative integer"),
                longValue(Setting.STORAGE_MAX_AGE_MS, d.storageMaxAgeMs(), v -> v >= 0, "a non-negative integer"));
    }

    private Path filesDir() {
        String dir = text(Setting.FILES_DIR, null);
        return dir == null ? null : Path.of(dir);
    }

    private String text(Setting setting, String fallback) {
        Raw raw = values.get(setting);
        if (raw == null) {
            return fallback;
        }
        if (raw.value().isBlank()) {
            if (setting == Setting.API_KEYS || setting == Setting.DB_PASSWORD) {
                return null;
            }
            throw new IllegalArgumentException(raw.source() + ": must not be empty");
        }
        return raw.value().trim();
    }

    private int intValue(Setting setting, int fallback) {
        return (int) longValue(setting, fallback, v -> v >= 1 && v <= Integer.MAX_VALUE,
                "an integer 1.." + Integer.MAX_VALUE);
    }

    private long longValue(Setting setting, long fallback, LongPredicate valid, String expected) {
        Raw raw = values.get(setting);
        if (raw == null) {
            return fallback;
        }
        String text = raw.value().trim().replace("_", "");
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(raw, expected);
        }
        if (!valid.test(value)) {
            throw invalid(raw, expected);
        }
        return value;
    }

    private static IllegalArgumentException invalid(Raw raw, String expected) {
        return new IllegalArgumentException(raw.source() + ": expected " + expected + ", was '" + raw.value() + "'");
    }
}
