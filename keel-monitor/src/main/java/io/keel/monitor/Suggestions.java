package io.keel.monitor;

import static io.keel.monitor.MonitorSeries.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The optimisation advisor: a list of {@link SuggestionRule}s run over {@link Findings}. The default rules
 * each name their evidence series and stay silent when a series is missing or inside its bound.
 */
public final class Suggestions {

    private final List<SuggestionRule> rules;

    public Suggestions(List<SuggestionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Suggestions defaults() {
        return new Suggestions(List.of(gcPressure(), cacheHitLow(), raiseConcurrency(), scaleOut(),
                dbPoolSaturated(), memorySwapping(), diskLow(), descriptorsHigh()));
    }

    public List<Suggestion> evaluate(Findings findings) {
        List<Suggestion> out = new ArrayList<>();
        for (SuggestionRule r : rules) {
            r.evaluate(findings).ifPresent(out::add);
        }
        return out;
    }

    /** GC time above 10 % of wall time → a larger heap or less allocation. */
    public static SuggestionRule gcPressure() {
        return f -> f.above(GC_TIME_RATIO, 0.10)
                ? Optional.of(new Suggestion("gc-pressure", Severity.WARNING,
                        pct("GC takes %s of wall time", f.values().get(GC_TIME_RATIO)),
                        "Give the JVM a larger heap (-Xmx) or cut allocation (smaller caches, streaming instead of buffering).",
                        evidence(f, GC_TIME_RATIO, HEAP_USAGE)))
                : Optional.empty();
    }

    /** Cache hit ratio under the T7 target of 85 % while the cache is actually used → a larger L1. */
    public static SuggestionRule cacheHitLow() {
        return f -> f.below(CACHE_HIT_RATIO, 0.85) && f.above(CACHE_REQUEST_RATE, 1.0)
                ? Optional.of(new Suggestion("cache-hit-low", Severity.INFO,
                        pct("cache hit ratio is %s (target 85 %%)", f.values().get(CACHE_HIT_RATIO)),
                        "Raise the L1 size (cache.l1.maxEntries / maxBytes), lengthen TTLs, or warm the hot keys.",
                        evidence(f, CACHE_HIT_RATIO, CACHE_REQUEST_RATE)))
                : Optional.empty();
    }

    /** Queue wait high while CPU idles → the work is I/O-bound: raise the concurrency limit. */
    public static SuggestionRule raiseConcurrency() {
        return f -> f.above(QUEUE_WAIT_P95, 1.0) && f.below(SYSTEM_CPU, 0.50)
                ? Optional.of(new Suggestion("raise-concurrency", Severity.WARNING,
                        String.format(Locale.ROOT, "operations wait %.1f s in the queue (p95) while CPU is %.0f %% busy",
                                f.values().get(QUEUE_WAIT_P95), f.values().get(SYSTEM_CPU) * 100),
                        "Raise the governor's concurrency limit (maxConcurrent): the CPU has room and the work waits on I/O.",
                        evidence(f, QUEUE_WAIT_P95, SYSTEM_CPU, GOVERNOR_UTILISATION)))
                : Optional.empty();
    }

    /** Queue wait high and CPU saturated → more concurrency would not help: add cores or instances. */
    public static SuggestionRule scaleOut() {
        return f -> f.above(QUEUE_WAIT_P95, 1.0) && f.above(SYSTEM_CPU, 0.85)
                ? Optional.of(new Suggestion("scale-out", Severity.WARNING,
                        String.format(Locale.ROOT, "operations wait %.1f s in the queue (p95) with CPU %.0f %% busy",
                                f.values().get(QUEUE_WAIT_P95), f.values().get(SYSTEM_CPU) * 100),
                        "Add instances or cores (see the capacity plan); raising concurrency would only add contention.",
                        evidence(f, QUEUE_WAIT_P95, SYSTEM_CPU)))
                : Optional.empty();
    }

    /** Pool nearly full and callers waiting for connections → a larger pool (or fewer queries). */
    public static SuggestionRule dbPoolSaturated() {
        return f -> f.above(DB_POOL_USAGE, 0.90) && f.above(DB_POOL_WAIT, 0.010)
                ? Optional.of(new Suggestion("db-pool-saturated", Severity.WARNING,
                        String.format(Locale.ROOT, "DB pool %.0f %% in use and callers wait %.0f ms (p95) for a connection",
                                f.values().get(DB_POOL_USAGE) * 100, f.values().get(DB_POOL_WAIT) * 1000),
                        "Raise the pool's maximum size if the database has headroom, or cache query results to need fewer connections.",
                        evidence(f, DB_POOL_USAGE, DB_POOL_WAIT)))
                : Optional.empty();
    }

    /** System memory above 90 % and swap in use → the host is overcommitted. */
    public static SuggestionRule memorySwapping() {
        return f -> f.above(MEMORY_USAGE, 0.90) && f.above(SWAP_USED, 0)
                ? Optional.of(new Suggestion("memory-swapping", Severity.CRITICAL,
                        pct("system memory is %s used and the host swaps", f.values().get(MEMORY_USAGE)),
                        "Lower -Xmx or the cache sizes, or give the host more RAM: swapping multiplies latency.",
                        evidence(f, MEMORY_USAGE, SWAP_USED)))
                : Optional.empty();
    }

    /** A file store under 15 % free → run storage optimisation or tighten retention before the alert fires. */
    public static SuggestionRule diskLow() {
        return f -> f.below(DISK_FREE_RATIO, 0.15)
                ? Optional.of(new Suggestion("disk-low", Severity.WARNING,
                        pct("a file store has only %s free", f.values().get(DISK_FREE_RATIO)),
                        "Run the storage optimiser (dedup, compression) or tighten the retention policy.",
                        evidence(f, DISK_FREE_RATIO)))
                : Optional.empty();
    }

    /** Open descriptors above 80 % of the limit → raise the limit or look for leaked connections. */
    public static SuggestionRule descriptorsHigh() {
        return f -> {
            if (f.get(OPEN_FDS).isEmpty() || !f.above(MAX_FDS, 0)) {
                return Optional.empty();
            }
            double ratio = f.values().get(OPEN_FDS) / f.values().get(MAX_FDS);
            return ratio > 0.80
                    ? Optional.of(new Suggestion("descriptors-high", Severity.WARNING,
                            pct("the process uses %s of its file descriptors", ratio),
                            "Raise the open-files limit (ulimit -n) or look for leaked sockets and files.",
                            evidence(f, OPEN_FDS, MAX_FDS)))
                    : Optional.empty();
        };
    }

    private static String pct(String format, double ratio) {
        return String.format(Locale.ROOT, format, String.format(Locale.ROOT, "%.0f %%", ratio * 100));
    }

    private static Map<String, Double> evidence(Findings f, String... names) {
        Map<String, Double> e = new LinkedHashMap<>();
        for (String n : names) {
            f.get(n).ifPresent(v -> e.put(n, v));
        }
        return e;
    }
}
