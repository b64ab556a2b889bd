package io.keel.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The value codecs Keel ships: JSON (the default) and raw bytes. */
public final class Codecs {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Codecs() {
    }

    /** JSON through Jackson, for any type Jackson can bind. */
    public static <V> Codec<V> json(Class<V> type) {
        return json(MAPPER, type);
    }

    public static <V> Codec<V> json(ObjectMapper mapper, Class<V> type) {
        return new Codec<>() {
            @Override
            public byte[] encode(V value) {
                try {
                    return mapper.writeValueAsBytes(value);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot encode " + type.getSimpleName() + " as JSON", e);
                }
            }

            @Override
            public V decode(byte[] bytes) {
                try {
                    return mapper.readValue(bytes, type);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot decode JSON as " + type.getSimpleName(), e);
                }
            }
        };
    }

    /** JSON trees, the natural shape of operation results. */
    public static Codec<JsonNode> jsonTree() {
        return json(JsonNode.class);
    }

    /** Bytes stored as given; the size is the length. */
    public static Codec<byte[]> bytes() {
        return new Codec<>() {
            @Override
            public byte[] encode(byte[] value) {
                return value;
            }

            @Override
            public byte[] decode(byte[] bytes) {
                return bytes;
            }

            @Override
            public int sizeOf(byte[] value) {
                return value.length + 16;
            }
        };
    }

    /** UTF-8 strings; the size is estimated without encoding. */
    public static Codec<String> utf8() {
        return new Codec<>() {
            @Override
            public byte[] encode(String value) {
                return value.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String decode(byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }

            @Override
            public int sizeOf(String value) {
                return value.length() + 40;
            }
        };
    }
}
