package io.keel.cache;

/** Turns values into the bytes the second level stores, and estimates their size for the first level's byte bound. */
public interface Codec<V> {

    byte[] encode(V value);

    V decode(byte[] bytes);

    /** Approximate heap bytes of a value held in the first level; by default its encoded length. */
    default int sizeOf(V value) {
        return encode(value).length;
    }
}
