package io.keel.cache;

import java.util.function.BiPredicate;

/**
 * Fills the cache ahead of demand. A warmer pushes entries into the sink and stops when the sink answers
 * {@code false} (its time budget is spent). Exceptions are caught and reported in the {@link WarmReport}.
 */
@FunctionalInterface
public interface Warmer<K, V> {

    void warm(BiPredicate<K, V> sink) throws Exception;
}
