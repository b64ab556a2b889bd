package io.keel.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.OptionalLong;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads a request body up to a limit. A declared Content-Length over the limit is refused before reading
 * anything; a chunked body is refused as soon as it passes the limit, so no more than the limit is held.
 *
 * <p>A body with a declared length is read straight into an array of that length. Every submit passes through
 * here, and a copy buffer of the usual 8 KiB per request was a fifth of all the bytes the server allocated
 * under load (async-profiler, alloc event, docs/benchmarks/server.md): young collections came that much more
 * often.
 */
final class BoundedBody {

    /** First buffer for a body of unknown length; it grows as the body does. */
    private static final int CHUNKED_START_BYTES = 1024;

    private BoundedBody() {
    }

    static byte[] read(ServerRequest req, long maxBytes) {
        OptionalLong declared = declaredLength(req);
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw tooLarge(declared.getAsLong() + " bytes", maxBytes);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            return declared.isPresent()
                    ? readDeclared(in, (int) declared.getAsLong())
                    : readUndeclared(in, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OptionalLong declaredLength(ServerRequest req) {
        if (!req.headers().contains(HeaderNames.CONTENT_LENGTH)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(req.headers().contentLength().orElse(0L));
    }

    /** The web server ends the stream at the declared length, so the array is never too small. */
    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        return read == length ? body : Arrays.copyOf(body, read);
    }

    private static byte[] readUndeclared(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNKED_START_BYTES);
        byte[] buffer = new byte[CHUNKED_START_BYTES];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static ProblemException tooLarge(String size, long maxBytes) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                "body: " + size + " exceeds the limit of " + maxBytes + " bytes (KEEL_MAX_INPUT_BYTES)");
    }
}
