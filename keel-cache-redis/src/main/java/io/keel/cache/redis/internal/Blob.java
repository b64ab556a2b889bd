package io.keel.cache.redis.internal;

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

    /**
     * One exactly sized array with the digits written by hand: this runs once per key on the write-behind path
     * (often on the Redis event-loop thread), where a stream, string concatenation and a final copy showed up.
     */
    public static byte[] value(long version, Set<String> tags, byte[] payload) {
        byte[][] names = tags.isEmpty() ? NO_TAGS : new byte[tags.size()][];
        int size = 1 + digits(version) + 1 + digits(names.length) + 1 + payload.length;
        int n = 0;
        for (String tag : tags) {
            byte[] name = tag.getBytes(StandardCharsets.UTF_8);
            names[n++] = name;
            size += digits(name.length) + 1 + name.length;
        }
        byte[] out = new byte[size];
        out[0] = 'V';
        int at = number(out, 1, version, ';');
        at = number(out, at, names.length, ';');
        for (byte[] name : names) {
            at = number(out, at, name.length, ':');
            System.arraycopy(name, 0, out, at, name.length);
            at += name.length;
        }
        System.arraycopy(payload, 0, out, at, payload.length);
        return out;
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

    private static final byte[][] NO_TAGS = {};

    /** Decimal digits of a non-negative number. */
    static int digits(long n) {
        int d = 1;
        for (long limit = 10; d < 19 && n >= limit; limit *= 10) {
            d++;
        }
        return d;
    }

    /** Writes {@code n} in decimal at {@code at}, then {@code end}; returns the position after {@code end}. */
    private static int number(byte[] out, int at, long n, char end) {
        int last = at + digits(n) - 1;
        for (int i = last; i >= at; i--) {
            out[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        out[last + 1] = (byte) end;
        return last + 2;
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
