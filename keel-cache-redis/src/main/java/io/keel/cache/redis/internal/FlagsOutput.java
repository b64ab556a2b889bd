package io.keel.cache.redis.internal;

import java.util.Arrays;
import java.util.List;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.CommandOutput;

/**
 * The reply of a batch write, one integer per key, read as it is parsed into "written" flags: no list of boxed
 * longs to walk and convert afterwards on the event-loop thread that every command of the connection shares.
 */
public final class FlagsOutput extends CommandOutput<String, byte[], List<Boolean>> {

    private final Boolean[] flags;
    private int next;

    public FlagsOutput(RedisCodec<String, byte[]> codec, int keys) {
        super(codec, null);
        this.flags = new Boolean[keys];
        Arrays.fill(flags, Boolean.FALSE);
        this.output = Arrays.asList(flags);
    }

    @Override
    public void set(long integer) {
        if (next < flags.length) {
            flags[next] = integer == 1L;
        }
        next++;
    }

    /** Whether the reply had exactly one flag per key (else the batch is treated as not written). */
    public boolean answeredEveryKey() {
        return next == flags.length;
    }
}
