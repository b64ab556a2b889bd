package io.keel.cache;

import java.util.Set;

/** A live value read from the second level, with the version and tags it was written with. */
public record L2Entry(byte[] value, long version, Set<String> tags) {

    public L2Entry {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        tags = Set.copyOf(tags);
    }
}
