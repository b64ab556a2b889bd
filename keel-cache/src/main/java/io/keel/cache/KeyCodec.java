package io.keel.cache;

import java.util.function.Function;

/**
 * The string form of cache keys, used as the second-level key, in invalidation messages and for pattern matching.
 * {@code parse(format(k))} must equal {@code k}.
 */
public interface KeyCodec<K> {

    String format(K key);

    K parse(String text);

    static KeyCodec<String> strings() {
        return of(Function.identity(), Function.identity());
    }

    static <K> KeyCodec<K> of(Function<? super K, String> format, Function<String, ? extends K> parse) {
        return new KeyCodec<>() {
            @Override
            public String format(K key) {
                return format.apply(key);
            }

            @Override
            public K parse(String text) {
                return parse.apply(text);
            }
        };
    }
}
