package io.keel.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Streams the parts of a {@code multipart/form-data} body (RFC 7578) one after the other, each as an
 * {@link InputStream}, holding no more than one buffer of the body: a part of any size passes through.
 * Not thread-safe; one reader per request.
 */
final class MultipartReader {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean finished;
    private PartStream current;

    /** A part: its form field name, file name (null when none) and content. */
    record Part(String fieldName, String fileName, InputStream body) {
    }

    MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("multipart boundary must be 1..70 characters, was '" + boundary + "'");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first delimiter has no CRLF before it: pretend there was one, and skip the preamble as a part.
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
        current = new PartStream();
    }

    /** The boundary parameter of a multipart content type, or null when it is not multipart/form-data. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        return parameters(contentType).get("boundary");
    }

    /** The next part, after draining what is left of the previous one; null after the closing delimiter. */
    Part next() throws IOException {
        current.drain();
        if (finished) {
            return null;
        }
        fill(2);
        if (limit - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        Map<String, String> headers = readHeaders();
        Map<String, String> disposition = parameters(headers.getOrDefault("content-disposition", ""));
        current = new PartStream();
        return new Part(disposition.get("name"), disposition.get("filename"), current);
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        skipLine(); // the rest of the delimiter line (transport padding)
        int total = 0;
        for (;;) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("part headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
    }

    private void skipLine() throws IOException {
        readLine();
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (;;) {
            if (!fill(1)) {
                throw new MalformedMultipartException("body ended inside part headers");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) (b & 0xff));
            if (line.length() > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("part header line exceeds " + MAX_HEADER_BYTES + " bytes");
            }
        }
    }

    /** Makes at least {@code wanted} bytes available unless the body ends first; false when none are left. */
    private boolean fill(int wanted) throws IOException {
        while (limit - pos < wanted && !eof) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        return limit > pos;
    }

    private int indexOfDelimiter() {
        int last = limit - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Parameters of a header value, e.g. {@code form-data; name="file"; filename="a.txt"}, keys lower-cased. */
    static Map<String, String> parameters(String value) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            int eq = value.indexOf('=', i + 1);
            if (eq < 0) {
                break;
            }
            String key = value.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
            StringBuilder v = new StringBuilder();
            int j = eq + 1;
            while (j < value.length() && value.charAt(j) == ' ') {
                j++;
            }
            if (j < value.length() && value.charAt(j) == '"') {
                j++;
                while (j < value.length() && value.charAt(j) != '"') {
                    char c = value.charAt(j);
                    if (c == '\\' && j + 1 < value.length()) {
                        c = value.charAt(++j);
                    }
                    v.append(c);
                    j++;
                }
                j++;
            } else {
                while (j < value.length() && value.charAt(j) != ';') {
                    v.append(value.charAt(j++));
                }
            }
            params.putIfAbsent(key, key.equals("filename") || key.equals("name")
                    ? new String(v.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
                    : v.toString().trim());
            i = value.indexOf(';', j);
        }
        return params;
    }

    /** The content of one part; ends (-1) at the next delimiter, which it consumes. */
    private final class PartStream extends InputStream {

        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            fill(delimiter.length);
            int at = indexOfDelimiter();
            if (at == pos) {
                pos += delimiter.length;
                done = true;
                return -1;
            }
            int available;
            if (at >= 0) {
                available = at - pos;
            } else if (eof) {
                throw new MalformedMultipartException("body ended before the closing boundary");
            } else {
                // bytes that could be the start of a delimiter split across reads stay in the buffer
                available = limit - pos - (delimiter.length - 1);
            }
            int n = Math.min(len, available);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        void drain() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // discard
            }
        }
    }

    /** The body is not well-formed multipart. */
    static final class MalformedMultipartException extends IOException {
        MalformedMultipartException(String message) {
            super(message);
        }
    }
}
