package io.keel.server.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The position after the last record of a page: its {@code (createdAt, id)} key, opaque to clients
 * (base64url of {@code "<epoch micros>:<id>"}), so the encoding may change without breaking the API.
 */
record Cursor(Instant createdAt, String id) {

    static Cursor after(OperationRecord last) {
        return new Cursor(RecordColumns.micros(last.createdAt()), last.id());
    }

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        byte[] text = (micros + ":" + id).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
    }

    /** @throws IllegalArgumentException naming the cursor when it was not made by {@link #encode()} */
    static Cursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("no ':' separating time and id");
            }
            long micros = Long.parseLong(text.substring(0, colon));
            return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), text.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cursor '" + cursor
                    + "': pass the nextCursor of a previous page unchanged", e);
        }
    }
}
