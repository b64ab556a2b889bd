package io.keel.cache.redis.internal;

import java.nio.ByteBuffer;

import io.keel.cache.L2Entry;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.CommandOutput;

/**
 * The reply of an {@code MGET}, decoded as it is parsed into one slot per asked key ({@code null} for a missing
 * key or a tombstone): no intermediate list, key-value pairs or value arrays, only the entries themselves.
 */
public final class EntriesOutput extends CommandOutput<String, byte[], L2Entry[]> {

    private int next;

    public EntriesOutput(RedisCodec<String, byte[]> codec, int keys) {
        super(codec, new L2Entry[keys]);
    }

    @Override
    public void set(ByteBuffer bytes) {
        if (next < output.length && bytes != null) {
            output[next] = Blob.decode(bytes);
        }
        next++;
    }
}
