package io.keel.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The streaming multipart parser returns every part's bytes exactly, however the body is split into reads. */
class MultipartReaderTest {

    private static final String BOUNDARY = "----KeelBoundary7MA4YWxk";

    @Property(tries = 200)
    void partsRoundTripWhateverTheReadSizes(@ForAll @Size(max = 4) List<@Size(max = 3000) byte[]> contents,
                                            @ForAll @IntRange(min = 1, max = 97) int readSize) throws IOException {
        MultipartBody body = new MultipartBody(BOUNDARY);
        for (int i = 0; i < contents.size(); i++) {
            body.file("f", "file-" + i + ".bin", contents.get(i));
        }
        MultipartReader reader = new MultipartReader(new TrickleStream(body.bytes(), readSize), BOUNDARY);
        List<byte[]> read = new ArrayList<>();
        MultipartReader.Part part;
        while ((part = reader.next()) != null) {
            assertThat(part.fileName()).isEqualTo("file-" + read.size() + ".bin");
            assertThat(part.fieldName()).isEqualTo("f");
            read.add(part.body().readAllBytes());
        }
        assertThat(read).containsExactlyElementsOf(contents);
    }

    @Test
    void contentThatAlmostMatchesTheDelimiterIsKept() throws IOException {
        byte[] tricky = ("x\r\n--" + BOUNDARY.substring(0, 10) + "y\r\n-").getBytes(StandardCharsets.ISO_8859_1);
        MultipartReader reader = new MultipartReader(
                new ByteArrayInputStream(new MultipartBody(BOUNDARY).file("f", "a", tricky).bytes()), BOUNDARY);
        assertThat(reader.next().body().readAllBytes()).isEqualTo(tricky);
        assertThat(reader.next()).isNull();
    }

    @Test
    void unreadPartsAreSkipped() throws IOException {
        byte[] bytes = new MultipartBody(BOUNDARY).file("a", "1", new byte[5000]).file("b", "2", new byte[] {7}).bytes();
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bytes), BOUNDARY);
        reader.next();
        MultipartReader.Part second = reader.next();
        assertThat(second.fieldName()).isEqualTo("b");
        assertThat(second.body().readAllBytes()).containsExactly(7);
    }

    @Test
    void truncatedBodyFailsLoudly() {
        byte[] bytes = new MultipartBody(BOUNDARY).file("a", "1", new byte[100]).bytes();
        byte[] truncated = java.util.Arrays.copyOf(bytes, 150);
        assertThatThrownBy(() -> {
            MultipartReader reader = new MultipartReader(new ByteArrayInputStream(truncated), BOUNDARY);
            reader.next().body().readAllBytes();
        }).isInstanceOf(MultipartReader.MalformedMultipartException.class);
    }

    @Test
    void boundaryComesFromTheContentType() {
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=\"abc def\"")).isEqualTo("abc def");
        assertThat(MultipartReader.boundary("Multipart/Form-Data;boundary=xyz")).isEqualTo("xyz");
        assertThat(MultipartReader.boundary("application/octet-stream")).isNull();
    }

    /** Hands out at most {@code chunk} bytes per read, like a slow network. */
    private static final class TrickleStream extends InputStream {
        private final ByteArrayInputStream in;
        private final int chunk;

        TrickleStream(byte[] bytes, int chunk) {
            this.in = new ByteArrayInputStream(bytes);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, chunk));
        }
    }
}
