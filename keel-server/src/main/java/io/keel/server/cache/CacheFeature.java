package io.keel.server.cache;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRouting;
import io.keel.cache.CacheConfig;
import io.keel.cache.CacheStats;
import io.keel.cache.Codecs;
import io.keel.cache.DeferredSecondLevel;
import io.keel.cache.SecondLevel;
import io.keel.cache.TierStats;
import io.keel.cache.TieredCache;
import io.keel.cache.WarmReport;
import io.keel.cache.jdbc.JdbcSecondLevel;
import io.keel.cache.redis.RedisSecondLevel;
import io.keel.governor.GovernorBuilder;
import io.keel.server.agents.BuiltInAgent;
import io.keel.server.config.KeelConfig;
import io.keel.server.config.Setting;
import io.keel.server.feature.FeatureContext;
import io.keel.server.feature.MemoryCleanups;
import io.keel.server.feature.ServerFeature;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The operation result cache (issue 3, "In the server"): Keel's {@link TieredCache} with Caffeine in the process
 * and, when {@code KEEL_REDIS_URL} is set, Redis shared by every node (results computed on one node answer on the
 * others; invalidations reach them all) — or, with {@code KEEL_CACHE_L2=database}, the records database. Hits
 * answer before admission through {@link ResultCacheInterceptor}; housekeeping and warming run on the maintenance
 * scheduler; the endpoints are {@link CacheRoutes}.
 *
 * <p>Redis never stops the node: if it does not answer at start the cache runs on L1 alone (logged), and later
 * outages are the cache's circuit breaker's business. Readiness does not look at Redis (API.md).
 */
public final class CacheFeature implements ServerFeature {

    /** How long L1 stays shrunk after heap pressure. */
    static final Duration SHRINK_HOLD = Duration.ofMinutes(5);
    private static final Logger LOG = System.getLogger(CacheFeature.class.getName());
    static final long L1_MAX_ENTRIES = 100_000;
    static final Duration MAINTAIN_EVERY = Duration.ofSeconds(5);
    static final Duration WARM_EVERY = Duration.ofMinutes(10);
    static final Duration WARM_BUDGET = Duration.ofSeconds(5);
    static final int WARM_PER_AGENT = 1_000;

    private final KeelConfig config;
    private final ResultCacheInterceptor interceptor = new ResultCacheInterceptor();
    private SecondLevel secondLevel;
    private TieredCache<String, JsonNode> results;
    private InstantSource clock;
    /** When heap pressure last shrank L1, or null while L1 has its configured size. */
    private volatile Instant shrunkAt;

    public CacheFeature(KeelConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public void configureGovernor(GovernorBuilder governor) {
        governor.addInterceptor(interceptor);
    }

    @Override
    public void start(FeatureContext context) {
        List<String> agentNames = context.agents().all().stream().map(BuiltInAgent::name).toList();
        Set<String> deterministic = context.agents().all().stream().filter(BuiltInAgent::deterministic)
                .map(BuiltInAgent::name).collect(Collectors.toSet());
        ResultKeys keys = new ResultKeys(deterministic);
        secondLevel = switch (config.resolvedCacheL2()) {
            case REDIS -> connectRedis(config.redisUrl(), config.cacheNamespace());
            case DATABASE -> onDatabase(context, config.cacheNamespace());
            case NONE -> null;
        };
        Duration ttl = Duration.ofMillis(config.cacheTtlMs());
        results = TieredCache.create(CacheConfig.builder(Codecs.jsonTree())
                .name("results")
                .nodeId(context.nodeId())
                .countL1Hits(true)   // the dashboard's hit rate per tier and keel.cache.hits read them
                .l1MaxBytes(config.cacheL1MaxBytes())
                .l1MaxEntries(L1_MAX_ENTRIES)
                .ttl(ttl)
                .ttlJitter(0.1)
                .l2Ttl(ttl)
                .secondLevel(secondLevel)
                .tagger((key, value) -> ResultKeys.tags(key))
                .warmer("recent-results", new RecentResultsWarmer(context.persistence().store(), keys, agentNames,
                        context.clock(), ttl, WARM_PER_AGENT))
                .warmBudget(WARM_BUDGET)
                .build());
        results.bindTo(context.registry());
        interceptor.attach(results, keys);
        warm();
        clock = context.clock();
        context.cleanups().register("result-cache-l1", this::shrinkL1);
        context.scheduler().register("cache-maintain", MAINTAIN_EVERY, this::maintain);
        context.scheduler().register("cache-warm", WARM_EVERY, () -> "warmed " + warm().warmed());
    }

    /**
     * Redis at the URL. When Redis does not answer now, a second level that connects when the cache's breaker
     * next probes it: the cache runs on L1 until then and takes L2 into use without a restart.
     */
    private static SecondLevel connectRedis(String url, String namespace) {
        try {
            SecondLevel l2 = RedisSecondLevel.connect(url, namespace);
            LOG.log(Level.INFO, "result cache: L2 on Redis {0} under {1}", redact(url), namespace);
            return l2;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Setting.REDIS_URL.envName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "result cache: Redis at {0} does not answer ({1}); running on L1 only until it"
                    + " does", redact(url), e.getMessage());
            return DeferredSecondLevel.connectingWith("Redis at " + redact(url),
                    () -> RedisSecondLevel.connect(url, namespace));
        }
    }

    /**
     * The records database as L2. Its pool is shared with the records, so the cache takes at most half of it; on
     * PostgreSQL every node of the database shares the results and hears invalidations (LISTEN/NOTIFY), on the
     * embedded H2 the results outlive a restart of this node.
     */
    private SecondLevel onDatabase(FeatureContext context, String namespace) {
        DataSource dataSource = context.persistence().dataSource().orElse(null);
        if (dataSource == null) {
            LOG.log(Level.WARNING, "result cache: {0}=database, but records are kept in memory; L1 only",
                    Setting.CACHE_L2.envName());
            return null;
        }
        try {
            SecondLevel l2 = JdbcSecondLevel.create(dataSource, namespace, JdbcSecondLevel.Options.defaults()
                    .withMaxConnections(Math.max(1, config.dbPoolSize() / 2)));
            LOG.log(Level.INFO, "result cache: L2 in the records database under {0}", namespace);
            return l2;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Setting.CACHE_NAMESPACE.envName() + ": " + e.getMessage(), e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    private WarmReport warm() {
        WarmReport report = results.warm();
        if (!report.failures().isEmpty() || !report.timedOut().isEmpty()) {
            LOG.log(Level.WARNING, "result cache warming: failures {0}, timed out {1}", report.failures(),
                    report.timedOut());
        }
        return report;
    }

    /**
     * Under heap pressure (the monitor's memory manager calls this) L1 shrinks to a quarter of its configured
     * size; results stay reachable through L2 or are recomputed. The maintenance job restores the configured
     * size once {@link #SHRINK_HOLD} has passed, so a short spike does not cost the hit rate for long.
     */
    private MemoryCleanups.Freed shrinkL1() {
        TierStats before = results.stats().l1();
        results.resizeL1(Math.max(1, config.cacheL1MaxBytes() / 4));
        results.maintain();
        shrunkAt = clock.instant();
        TierStats after = results.stats().l1();
        return new MemoryCleanups.Freed(before.sizeBytes() - after.sizeBytes(), before.entries() - after.entries());
    }

    private String maintain() {
        Instant shrunk = shrunkAt;
        if (shrunk != null && clock.instant().isAfter(shrunk.plus(SHRINK_HOLD))) {
            results.resizeL1(config.cacheL1MaxBytes());
            shrunkAt = null;
        }
        results.maintain();
        CacheStats s = results.stats();
        return "l1 " + s.l1().entries() + " entries, hit rate " + Math.round(s.l1().hitRate() * 100) + "%"
                + (secondLevel == null ? "" : ", l2 " + (s.l2Available() ? "up" : "down"));
    }

    @Override
    public void routes(HttpRouting.Builder routing) {
        new CacheRoutes(results, secondLevel != null).register(routing);
    }

    /** Closes the cache, then the Redis connections it used (the cache does not own them). */
    @Override
    public void close() {
        interceptor.detach();
        if (results != null) {
            results.close();
        }
        if (secondLevel != null) {
            secondLevel.close();
        }
    }
}
