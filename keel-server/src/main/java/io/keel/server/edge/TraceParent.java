package io.keel.server.edge;

import java.util.concurrent.ThreadLocalRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent}: {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}.
 * An incoming header is kept only if valid (all-zero ids and version ff are invalid per the spec); otherwise
 * a fresh trace starts. The server answers with the same trace id and its own span id.
 */
public record TraceParent(String traceId, String spanId, String flags) {

    private static final Pattern VALID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}.*");
    private static final HexFormat HEX = HexFormat.of();

    /** Continues the caller's trace if {@code header} is valid, else starts one; always with a new span id. */
    public static TraceParent continueOrStart(String header) {
        if (header != null) {
            String h = header.trim();
            if (h.length() >= 55 && VALID.matcher(h).matches() && !h.startsWith("ff")
                    && (h.length() == 55 || !h.startsWith("00"))) {
                String traceId = h.substring(3, 35);
                String parent = h.substring(36, 52);
                if (!traceId.equals("0".repeat(32)) && !parent.equals("0".repeat(16))) {
                    return new TraceParent(traceId, newId(8), h.substring(53, 55));
                }
            }
        }
        return new TraceParent(newId(16), newId(8), "01");
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String newId(int bytes) {
        byte[] b = new byte[bytes];
        // Trace ids must be unique, not secret: ThreadLocalRandom has no shared lock, unlike SecureRandom.
        ThreadLocalRandom.current().nextBytes(b);
        if (b[0] == 0) {
            b[0] = 1; // an all-zero id is invalid; a zero first byte is enough to rule it out
        }
        return HEX.formatHex(b);
    }
}
