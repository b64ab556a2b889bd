package io.keel.server.edge;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.keel.server.json.Json;

/**
 * The server-side response cache (T3), only for what cannot change under it: the record of a finished
 * operation (a terminal record is never rewritten) and, for at most {@link #STATS_MAX_AGE}, stats. Keyed by
 * method, path, sorted query and the caller's scopes (no GET has form fields). A write to a path drops what
 * was cached under it. A record still changing is never stored, so never served stale.
 *
 * <p>Thread-safe: a Caffeine cache bounded in entries; entries are immutable byte arrays.
 */
public final class ResponseCache {

    public static final Duration STATS_MAX_AGE = Duration.ofSeconds(1);
    static final long MAX_ENTRIES = 10_000;

    private static final String OPERATIONS = "/api/v1/operations/";
    private static final Set<String> STATS = Set.of("/api/v1/storage/stats", "/api/v1/cache/stats",
            "/api/v1/performance/summary");
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT", "REJECTED");

    record Key(String method, String path, String sortedQuery, String scopes) {
    }

    record Entry(String contentType, byte[] body, boolean stats) {
    }

    private final Cache<Key, Entry> entries = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfter(Expiry.<Key, Entry>creating((key, entry) ->
                    entry.stats() ? STATS_MAX_AGE : Duration.ofMinutes(10)))
            .build();

    static Key key(EdgeContext.Request req) {
        return new Key(req.method(), req.path(), req.sortedQuery(), req.scopes() == null ? "" : req.scopes());
    }

    Entry find(EdgeContext.Request req) {
        if (!req.method().equals("GET") || !cacheablePath(req.path())) {
            return null;
        }
        return entries.getIfPresent(key(req));
    }

    /** Stores a 200 GET answer if it is one that cannot go stale (see the class comment). */
    void offer(EdgeContext.Request req, String contentType, byte[] body) {
        if (!req.method().equals("GET")) {
            return;
        }
        boolean stats = STATS.contains(req.path()) && req.sortedQuery().isEmpty();
        boolean finishedOperation = isOperation(req.path()) && req.sortedQuery().isEmpty()
                && TERMINAL.contains(Json.tree(new String(body, StandardCharsets.UTF_8)).path("status").asText());
        if (stats || finishedOperation) {
            entries.put(key(req), new Entry(contentType, body, stats));
        }
    }

    /** A write (any method but GET/HEAD) drops every entry at or under its path. */
    void writeTo(String path) {
        entries.asMap().keySet().removeIf(k -> k.path().equals(path) || k.path().startsWith(path + "/"));
    }

    long size() {
        return entries.estimatedSize();
    }

    /** {@code /api/v1/operations/<id>}, without a regex: every GET through the edge asks. */
    static boolean isOperation(String path) {
        return path.length() > OPERATIONS.length() && path.startsWith(OPERATIONS)
                && path.indexOf('/', OPERATIONS.length()) < 0;
    }

    private static boolean cacheablePath(String path) {
        return STATS.contains(path) || isOperation(path);
    }
}
