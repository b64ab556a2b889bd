package io.keel.cache.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.keel.cache.L2Entry;

class BlobTest {

    private static final List<Long> VERSIONS = List.of(0L, 1L, 9L, 10L, 99L, 100L, 123_456_789L, (1L << 53) - 1);
    private static final List<Set<String>> TAGS = List.of(Set.of(), Set.of("a"),
            new LinkedHashSet<>(List.of("user:42", "ü-tag", "日本語", "x;y:z", "")));
    private static final List<byte[]> PAYLOADS = List.of(new byte[0], bytes("plain"), bytes("V1;2;3:abc ünï"),
            new byte[70_000]);

    @Test
    void valuesRoundTripWithVersionTagsAndPayload() {
        for (long version : VERSIONS) {
            for (Set<String> tags : TAGS) {
                for (byte[] payload : PAYLOADS) {
                    L2Entry back = Blob.decode(Blob.value(version, tags, payload));
                    assertThat(back.version()).isEqualTo(version);
                    assertThat(back.tags()).isEqualTo(tags);
                    assertThat(back.value()).isEqualTo(payload);
                }
            }
        }
    }

    /** The layout the Lua scripts parse: version and tag count lead, tag lengths count UTF-8 bytes. */
    @Test
    void valueLayoutIsVersionTagCountThenLengthPrefixedTagsThenPayload() {
        assertThat(text(Blob.value(7, Set.of(), bytes("p")))).isEqualTo("V7;0;p");
        assertThat(text(Blob.value(1234567890L, new LinkedHashSet<>(List.of("ü", "ab")), bytes("xy"))))
                .isEqualTo("V1234567890;2;2:ü2:abxy");
    }

    @Test
    void decodesBetweenPositionAndLimitWithoutMovingThem() {
        byte[] blob = Blob.value(42, Set.of("t"), bytes("payload"));
        ByteBuffer reply = ByteBuffer.allocate(blob.length + 6);
        reply.put(bytes("abc")).put(blob).put(bytes("xyz"));
        reply.position(3).limit(3 + blob.length);
        L2Entry back = Blob.decode(reply);
        assertThat(back.version()).isEqualTo(42);
        assertThat(back.value()).isEqualTo(bytes("payload"));
        assertThat(reply.position()).isEqualTo(3);
        assertThat(reply.limit()).isEqualTo(3 + blob.length);
    }

    @Test
    void tombstonesAndForeignBytesDecodeAsNothing() {
        assertThat(Blob.decode(Blob.tombstone(5))).isNull();
        assertThat(Blob.decode(bytes("hello"))).isNull();
        assertThat(Blob.decode((byte[]) null)).isNull();
    }

    @Test
    void digitsCountsDecimalDigits() {
        assertThat(Blob.digits(0)).isEqualTo(1);
        assertThat(Blob.digits(9)).isEqualTo(1);
        assertThat(Blob.digits(10)).isEqualTo(2);
        assertThat(Blob.digits(999_999_999_999L)).isEqualTo(12);
        assertThat(Blob.digits(1_000_000_000_000L)).isEqualTo(13);
        assertThat(Blob.digits(Long.MAX_VALUE)).isEqualTo(19);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
