package io.keel.cache.redis.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import io.keel.cache.L2Entry;

/**
 * The bytes stored under a Redis key: {@code V<version>;<tagCount>;<len>:<tag>...<payload>} for a value and
 * {@code T<version>;} for a tombstone. The version leads in decimal so the Lua scripts compare it with one
 * {@code string.match}; versions stay below 2^53, exact in Lua's doubles.
 */
public final class Blob {

    private Blob() {
    }

    public static byte[] value(long version, Set<String> tags, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 32);
        out.writeBytes(("V" + version + ";" + tags.size() + ";").getBytes(StandardCharsets.US_ASCII));
        for (String tag : tags) {
            byte[] t = tag.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((t.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(t);
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    public static byte[] tombstone(long version) {
        return ("T" + version + ";").getBytes(StandardCharsets.US_ASCII);
    }

    /** The live entry, or {@code null} for a tombstone or bytes not written by Keel. */
    public static L2Entry decode(byte[] blob) {
        return blob == null ? null : decode(ByteBuffer.wrap(blob));
    }

    /**
     * Decodes the blob between the buffer's position and limit without moving them, copying only the payload:
     * Redis replies are parsed straight from the reply buffer, with no intermediate array per value.
     */
    public static L2Entry decode(ByteBuffer blob) {
        int start = blob.position();
        int end = blob.limit();
        if (end - start < 3 || blob.get(start) != 'V') {
            return null;
        }
        int[] pos = {start + 1};
        long version = number(blob, pos, ';');
        int count = (int) number(blob, pos, ';');
        Set<String> tags = count == 0 ? Set.of() : new HashSet<>();
        for (int i = 0; i < count; i++) {
            int len = (int) number(blob, pos, ':');
            byte[] tag = new byte[len];
            blob.get(pos[0], tag);
            tags.add(new String(tag, StandardCharsets.UTF_8));
            pos[0] += len;
        }
        byte[] payload = new byte[end - pos[0]];
        blob.get(pos[0], payload);
        return new L2Entry(payload, version, tags);
    }

    private static long number(ByteBuffer blob, int[] pos, char end) {
        long n = 0;
        int i = pos[0];
        while (blob.get(i) != end) {
            byte b = blob.get(i++);
            if (b < '0' || b > '9') {
                throw new IllegalArgumentException("malformed cache blob at byte " + (i - 1));
            }
            n = n * 10 + (b - '0');
        }
        pos[0] = i + 1;
        return n;
    }
}
