package io.keel.server.config;

import java.util.Locale;

/**
 * Every setting Keel reads, once. Each is known by three names that follow from one key: the environment
 * variable {@code KEEL_MAX_CONCURRENCY}, the flag {@code --max-concurrency} and the keel.yaml key
 * {@code max-concurrency}. The defaults live in {@link KeelConfig#defaults()}.
 */
public enum Setting {
    HOST("host address to bind; only loopback without API keys"),
    PORT("TCP port; 0 picks any free port"),
    DATA_DIR("directory for the embedded database and the node id"),
    DB_URL("JDBC URL of the records database; default an H2 file under the data dir"),
    DB_USER("database user"),
    DB_PASSWORD("database password"),
    DB_POOL_SIZE("connections in the database pool"),
    REDIS_URL("Redis URL (redis://host:port[/db]); turns on the shared second cache level (L2) and shares rate limits across nodes; unset = L1 only, local limits"),
    NODE_ID("this node's id; default one made once and kept in <data-dir>/node-id"),
    MAX_CONCURRENCY("operations running at once"),
    MAX_CONCURRENCY_PER_AGENT("operations of one agent running at once"),
    MEMORY_BUDGET_BYTES("sum of the estimated bytes of running operations"),
    MAX_INPUT_BYTES("largest request body accepted"),
    DEFAULT_TIMEOUT_MS("timeout of an operation that names none"),
    MAX_TIMEOUT_MS("longest timeout an operation may ask for"),
    QUEUE_CAPACITY("operations waiting at once"),
    RATE_LIMIT("requests per second per client on /api/v1; 0 = off"),
    RATE_BURST("bucket size of the rate limit; default = rate"),
    SHUTDOWN_GRACE_MS("how long running work may finish at shutdown"),
    RECORDS_MAX_AGE_MS("finished records older than this are pruned"),
    RECORDS_MAX_COUNT("finished records kept at most"),
    API_KEYS("API keys as name:secret:scope[+scope],...; scopes read, submit, admin; none = loopback only"),
    CACHE_L1_MAX_BYTES("bytes the result cache keeps in this process (L1)"),
    CACHE_TTL_MS("how long a cached operation result lives"),
    CACHE_NAMESPACE("prefix of the result cache's Redis keys; nodes sharing results use the same one"),
    CACHE_L2("where the result cache's second level lives: redis (KEEL_REDIS_URL), database (the records database;"
            + " shared by the nodes of one PostgreSQL, this node's only on H2) or none; default redis when"
            + " KEEL_REDIS_URL is set, else none"),
    MONITOR_INTERVAL_MS("how often the monitor samples the system and evaluates alert rules"),
    ALERT_WEBHOOK_URL("URL that receives alert notifications (JSON POST, retried); unset = log only"),
    ALERT_RULES_FILE("YAML or JSON file with a list of alert rules added to (or replacing) the defaults"),
    FILES_DIR("directory of the file store; default <data-dir>/files"),
    FILES_MAX_BYTES("largest file accepted by POST /api/v1/files"),
    STORAGE_MAX_BYTES("file store capacity; above it optimisation evicts least recently read files; 0 = none"),
    STORAGE_MAX_AGE_MS("files older than this are removed by optimisation; 0 = kept");

    private final String description;

    Setting(String description) {
        this.description = description;
    }

    public String envName() {
        return "KEEL_" + name();
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String flag() {
        return "--" + key();
    }

    public String description() {
        return description;
    }
}
