package io.keel.monitor;

import java.time.Duration;
import java.util.List;

/**
 * Resolution tiers of the metric history and the most series it will keep. Each tier is a ring of
 * {@code span / step} buckets holding min, max and average; memory per series is fixed at construction
 * (12 bytes per bucket), so it never grows with uptime.
 *
 * @param tiers     finest first; each tier's step must divide its span
 * @param maxSeries new series beyond this are refused (counted), so a tag explosion cannot exhaust memory
 */
public record HistoryConfig(List<Tier> tiers, int maxSeries) {

    /** One resolution: buckets of {@code step}, covering the last {@code span}. */
    public record Tier(Duration step, Duration span) {
        public Tier {
            if (step == null || step.toMillis() <= 0) {
                throw new IllegalArgumentException("tier step must be at least 1 ms, was " + step);
            }
            if (span == null || span.toMillis() < step.toMillis() || span.toMillis() % step.toMillis() != 0) {
                throw new IllegalArgumentException("tier span must be a multiple of its step " + step + ", was " + span);
            }
            if (span.toMillis() / step.toMillis() > 1_000_000) {
                throw new IllegalArgumentException("tier span/step must be at most 1,000,000 buckets, was " + span + "/" + step);
            }
        }

        public int buckets() {
            return (int) (span.toMillis() / step.toMillis());
        }
    }

    public HistoryConfig {
        if (tiers == null || tiers.isEmpty()) {
            throw new IllegalArgumentException("history needs at least one tier, was " + tiers);
        }
        tiers = List.copyOf(tiers);
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).step().compareTo(tiers.get(i - 1).step()) <= 0) {
                throw new IllegalArgumentException("tiers must go from fine to coarse, got " + tiers);
            }
        }
        if (maxSeries < 1) {
            throw new IllegalArgumentException("maxSeries must be positive, was " + maxSeries);
        }
    }

    /** 1 s for 15 minutes and 1 min for 24 hours, at most 2,000 series (about 56 MB worst case, 28 KB each). */
    public static HistoryConfig defaults() {
        return new HistoryConfig(List.of(
                new Tier(Duration.ofSeconds(1), Duration.ofMinutes(15)),
                new Tier(Duration.ofMinutes(1), Duration.ofHours(24))), 2_000);
    }

    public HistoryConfig withMaxSeries(int max) {
        return new HistoryConfig(tiers, max);
    }

    /** Bytes of bucket arrays one series retains (the dominant cost; headers and bookkeeping excluded). */
    public long bytesPerSeries() {
        long buckets = 0;
        for (Tier t : tiers) {
            buckets += t.buckets();
        }
        return buckets * 3 * Float.BYTES;
    }
}
