package io.keel.cache.redis.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Encodes a cache key as {@code <namespace prefix><key>} straight into Lettuce's output buffer, so a bulk read
 * of a hundred keys builds no prefixed key strings and no per-key byte arrays. Values are raw bytes.
 * Decoding is the plain inverse without the prefix; the bulk read parses its reply itself ({@link EntriesOutput}).
 */
public final class PrefixedKeyCodec implements RedisCodec<String, byte[]>, ToByteBufEncoder<String, byte[]> {

    private final byte[] prefix;

    public PrefixedKeyCodec(String prefix) {
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void encodeKey(String key, ByteBuf target) {
        target.writeBytes(prefix);
        ByteBufUtil.writeUtf8(target, key);
    }

    @Override
    public void encodeValue(byte[] value, ByteBuf target) {
        target.writeBytes(value);
    }

    /** Exact, so Lettuce writes the length header and then encodes in place, without a scratch buffer. */
    @Override
    public int estimateSize(Object keyOrValue) {
        return keyOrValue instanceof byte[] bytes ? bytes.length
                : prefix.length + ByteBufUtil.utf8Bytes((CharSequence) keyOrValue);
    }

    @Override
    public boolean isEstimateExact() {
        return true;
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        byte[] text = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + text.length).put(prefix).put(text).flip();
    }

    @Override
    public ByteBuffer encodeValue(byte[] value) {
        return ByteBuffer.wrap(value);
    }

    @Override
    public String decodeKey(ByteBuffer bytes) {
        ByteBuffer rest = bytes.duplicate();
        rest.position(Math.min(rest.limit(), rest.position() + prefix.length));
        return StandardCharsets.UTF_8.decode(rest).toString();
    }

    @Override
    public byte[] decodeValue(ByteBuffer bytes) {
        byte[] value = new byte[bytes.remaining()];
        bytes.duplicate().get(value);
        return value;
    }
}
