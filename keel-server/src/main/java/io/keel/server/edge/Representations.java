package io.keel.server.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends a complete representation (the server's JSON answers) with the edge's shaping: an {@code ETag} hashed
 * from the exact bytes on successful GETs, {@code If-None-Match} → 304, and gzip when the client accepts it and
 * the body is at least {@link #GZIP_THRESHOLD_BYTES}. Because the tag is computed from what would be sent now,
 * a resource that changed (a running operation's progress) can never be answered 304 with a stale tag.
 * Streams (SSE) never come through here, so they are never buffered or compressed.
 */
public final class Representations {

    /** Smaller bodies gain less from gzip than its header and the CPU cost. */
    public static final int GZIP_THRESHOLD_BYTES = 1024;

    private Representations() {
    }

    public static void send(ServerResponse res, Status status, String contentType, byte[] body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        EdgeContext.Request req = EdgeContext.current();
        if (req == null) {
            res.send(body);
            return;
        }
        if (status.code() == 200 && (req.method().equals("GET") || req.method().equals("HEAD"))) {
            if (req.method().equals("GET")) {
                ResponseCacheFilter.offer(req, contentType, body);
            }
            String etag = etag(body);
            res.header(HeaderNames.ETAG, etag);
            if (matches(req.ifNoneMatch(), etag)) {
                res.status(Status.NOT_MODIFIED_304);
                res.send();
                return;
            }
        }
        if (body.length >= GZIP_THRESHOLD_BYTES) {
            res.header(HeaderNames.VARY, "Accept-Encoding");
            if (acceptsGzip(req.acceptEncoding())) {
                res.header(HeaderNames.CONTENT_ENCODING, "gzip");
                res.send(gzip(body));
                return;
            }
        }
        res.send(body);
    }

    /** A strong tag: the first 128 bits of the body's SHA-256, base64url. */
    static String etag(byte[] body) {
        byte[] hash = Sha256.of(body);
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16)) + "\"";
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2); // If-None-Match compares weakly (RFC 9110 13.1.2)
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.trim().split(";");
            String coding = pieces[0].trim();
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                return !zeroQuality(pieces);
            }
        }
        return false;
    }

    private static boolean zeroQuality(String[] pieces) {
        for (int i = 1; i < pieces.length; i++) {
            String p = pieces[i].trim();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2)) <= 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
