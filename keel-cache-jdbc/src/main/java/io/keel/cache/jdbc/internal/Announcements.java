package io.keel.cache.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.keel.cache.Invalidation;

/**
 * Fits invalidations into PostgreSQL's notification payload (under 8000 bytes). A batch's {@code KEYS} message is
 * split into several, each at the highest version of its own keys; a single message that still does not fit (a
 * huge key, tag or pattern) becomes {@code ALL}, which drops more than needed but never too little.
 */
public final class Announcements {

    /** PostgreSQL's limit is 8000 bytes; keep room for the channel name and headers. */
    public static final int MAX_PAYLOAD_BYTES = 7900;

    private Announcements() {
    }

    /** The {@code KEYS} announcement of written keys, at most {@code maxBytes} per message. */
    public static List<Invalidation> ofBatch(String origin, List<String> keys, List<Long> versions, int maxBytes) {
        List<Invalidation> out = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        long chunkVersion = Long.MIN_VALUE;
        int chunkBytes = header(origin);
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            int bytes = Invalidation.keyList(List.of(key)).getBytes(StandardCharsets.UTF_8).length;
            if (!chunk.isEmpty() && chunkBytes + bytes > maxBytes) {
                out.add(new Invalidation(origin, Invalidation.Kind.KEYS, Invalidation.keyList(chunk), chunkVersion));
                chunk = new ArrayList<>();
                chunkVersion = Long.MIN_VALUE;
                chunkBytes = header(origin);
            }
            chunk.add(key);
            chunkVersion = Math.max(chunkVersion, versions.get(i));
            chunkBytes += bytes;
        }
        if (!chunk.isEmpty()) {
            out.add(new Invalidation(origin, Invalidation.Kind.KEYS, Invalidation.keyList(chunk), chunkVersion));
        }
        return out.stream().map(inv -> fitted(inv, maxBytes)).toList();
    }

    /** The message itself when its payload fits, else an {@code ALL} at its version. */
    public static Invalidation fitted(Invalidation invalidation, int maxBytes) {
        if (invalidation.encode().getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return invalidation;
        }
        return new Invalidation(invalidation.origin(), Invalidation.Kind.ALL, "", invalidation.version());
    }

    private static int header(String origin) {
        // origin|KEYS|<version>|
        return origin.getBytes(StandardCharsets.UTF_8).length + 1 + 4 + 1 + 20 + 1;
    }
}
