package io.keel.server.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a multipart/form-data body by hand, as a browser would send it. */
final class MultipartBody {

    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MultipartBody(String boundary) {
        this.boundary = boundary;
    }

    MultipartBody file(String field, String fileName, byte[] content) {
        write("--" + boundary + "\r\n");
        write("Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n");
        write("Content-Type: application/octet-stream\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    byte[] bytes() {
        write("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
