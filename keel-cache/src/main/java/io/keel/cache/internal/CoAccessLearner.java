package io.keel.cache.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Learns "B is read soon after A" from the stream of reads: each read within the window after a read of another key
 * counts one for the pair. Pairs seen {@code minCount} times are relations to prefetch.
 *
 * <p>Thread-safe and approximate: the previous read is one atomic reference shared by all threads, so interleaved
 * request streams add noise pairs; noise rarely reaches {@code minCount}. Memory is bounded by {@code maxSources}
 * keys times {@code maxTargets} pairs each; beyond it new pairs are not learned.
 */
final class CoAccessLearner<K> {

    private record Read<K>(K key, long at) {
    }

    private final long windowNanos;
    private final int minCount;
    private final int maxSources;
    private final int maxTargets;
    private final AtomicReference<Read<K>> last = new AtomicReference<>();
    private final Map<K, Map<K, Integer>> pairs = new ConcurrentHashMap<>();

    CoAccessLearner(long windowNanos, int minCount, int maxSources, int maxTargets) {
        this.windowNanos = windowNanos;
        this.minCount = minCount;
        this.maxSources = maxSources;
        this.maxTargets = maxTargets;
    }

    void observe(K key, long now) {
        Read<K> previous = last.getAndSet(new Read<>(key, now));
        if (previous == null || previous.key().equals(key) || now - previous.at() > windowNanos) {
            return;
        }
        Map<K, Integer> targets = pairs.get(previous.key());
        if (targets == null) {
            if (pairs.size() >= maxSources) {
                return;
            }
            targets = pairs.computeIfAbsent(previous.key(), k -> new ConcurrentHashMap<>());
        }
        if (targets.containsKey(key) || targets.size() < maxTargets) {
            targets.merge(key, 1, Integer::sum);
        }
    }

    /** Keys learned to follow {@code key}, most frequent first. */
    List<K> related(K key) {
        Map<K, Integer> targets = pairs.get(key);
        if (targets == null) {
            return List.of();
        }
        return targets.entrySet().stream()
                .filter(e -> e.getValue() >= minCount)
                .sorted(Map.Entry.<K, Integer>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
    }
}
