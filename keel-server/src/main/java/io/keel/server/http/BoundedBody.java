package io.keel.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads a request body up to a limit. A declared Content-Length over the limit is refused before reading
 * anything; a chunked body is refused as soon as it passes the limit, so no more than the limit is held.
 */
final class BoundedBody {

    private BoundedBody() {
    }

    static byte[] read(ServerRequest req, long maxBytes) {
        if (req.headers().contains(HeaderNames.CONTENT_LENGTH)) {
            long declared = req.headers().contentLength().orElse(0L);
            if (declared > maxBytes) {
                throw tooLarge(declared + " bytes", maxBytes);
            }
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException tooLarge(String size, long maxBytes) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                "body: " + size + " exceeds the limit of " + maxBytes + " bytes (KEEL_MAX_INPUT_BYTES)");
    }
}
