package io.keel.server.loadtest;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection of the load generator: writes a ready-encoded request, then reads the status,
 * the few headers that frame the body ({@code Content-Length}, {@code Transfer-Encoding: chunked},
 * {@code Connection}) and the body itself, straight from a reusable buffer.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it spent several times the CPU per request of the target it
 * measured (asynchronous pipeline, a selector thread, per-request futures and header maps), so the generator
 * saturated before the server did. A blocking socket on a virtual thread costs one write and usually one read
 * per request. The limits: no pipelining, no HTTP/2, no redirects, no content decoding — a load generator needs none.
 *
 * <p>Not thread-safe: one request at a time, handed from thread to thread by {@link ConnectionPool}. The request
 * timeout is not a socket read timeout: a timed read on a virtual thread arms and cancels a scheduler timer on every
 * read, a cost paid per request; instead each exchange publishes its deadline and the pool's watchdog closes a
 * connection past it ({@link #expireIfOverdue}), which the blocked read then reports as a timeout.
 */
final class HttpConnection implements AutoCloseable {

    /** The status and, when asked for, the body of one response; {@code reusable} when the server keeps the connection. */
    record Response(int status, byte[] body, boolean reusable) {
    }

    /** A kept-alive connection the server had closed before this request reached it: safe to send again. */
    static final class StaleConnectionException extends IOException {
        StaleConnectionException(IOException cause) {
            super("stale keep-alive connection", cause);
        }
    }

    private static final int BUFFER = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private long exchanges;
    /** nanoTime by which the current exchange must finish; 0 while idle. Written by the owner, read by the watchdog. */
    private volatile long deadline;
    private volatile boolean expired;

    private HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static HttpConnection open(URI target, Duration timeout) throws IOException {
        boolean tls = "https".equals(target.getScheme());
        int port = target.getPort() > 0 ? target.getPort() : (tls ? 443 : 80);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(target.getHost(), port), millis);
            if (!tls) {
                return new HttpConnection(plain);
            }
            SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(plain, target.getHost(), port, true);
            SSLParameters params = secure.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(params);
            // The TLS handshake runs inside the first exchange, under its deadline.
            return new HttpConnection(secure);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** How many exchanges this connection has finished; a stale pooled connection fails with this above zero. */
    long exchanges() {
        return exchanges;
    }

    /**
     * Sends {@code request} (a complete HTTP/1.1 message) and reads the response; the body is kept only when
     * {@code keepBody}, else skipped. {@code noBody} is for HEAD, whose response has framing headers but no body.
     */
    Response exchange(byte[] request, boolean noBody, boolean keepBody, long timeoutNanos) throws IOException {
        deadline = Math.max(1, System.nanoTime() + timeoutNanos);
        try {
            return exchange(request, noBody, keepBody);
        } catch (IOException e) {
            if (expired) {
                java.net.SocketTimeoutException timeout = new java.net.SocketTimeoutException("request timed out");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        } finally {
            deadline = 0;
        }
    }

    /** Whether the watchdog closed this connection: it must not go back to the pool. */
    boolean expired() {
        return expired;
    }

    /** Watchdog side: closes this connection if its exchange has run past its deadline; true if it did. */
    boolean expireIfOverdue(long now) {
        long d = deadline;
        if (d != 0 && now - d > 0) {
            expired = true;
            close();
            return true;
        }
        return false;
    }

    private Response exchange(byte[] request, boolean noBody, boolean keepBody) throws IOException {
        try {
            out.write(request);
            out.flush();
            if (pos == limit && fill() < 0) {
                throw new EOFException("connection closed before a response");
            }
        } catch (IOException e) {
            // The server closed this pooled connection while it was idle: nothing of the request was processed.
            throw exchanges > 0 && pos == limit && !expired ? new StaleConnectionException(e) : e;
        }
        int status;
        boolean reusable;
        byte[] body;
        do {
            int line = readLine();
            status = statusOf(line);
            reusable = !startsWith(pos, "HTTP/1.0");
            pos = line;
            long length = -1;
            boolean chunked = false;
            int end;
            while ((end = readLine()) != pos + 2) {
                if (matchesName(pos, end, "content-length")) {
                    length = parseLong(valueStart(pos, end), end - 2);
                } else if (matchesName(pos, end, "transfer-encoding")) {
                    chunked = contains(valueStart(pos, end), end - 2, "chunked");
                } else if (matchesName(pos, end, "connection")) {
                    int from = valueStart(pos, end);
                    if (contains(from, end - 2, "close")) {
                        reusable = false;
                    } else if (contains(from, end - 2, "keep-alive")) {
                        reusable = true;
                    }
                }
                pos = end;
            }
            pos = end;
            if (status < 200) {
                // An interim 1xx answer: the real one follows.
                continue;
            }
            ByteArrayOutputStream sink = keepBody ? new ByteArrayOutputStream() : null;
            if (noBody || status == 204 || status == 304) {
                body = keepBody ? new byte[0] : null;
            } else if (chunked) {
                readChunked(sink);
                body = sink == null ? null : sink.toByteArray();
            } else if (length >= 0) {
                readBody(length, sink);
                body = sink == null ? null : sink.toByteArray();
            } else {
                // No framing: the body runs to the end of the connection, which then cannot be reused.
                readToEnd(sink);
                body = sink == null ? null : sink.toByteArray();
                reusable = false;
            }
            exchanges++;
            return new Response(status, body, reusable);
        } while (true);
    }

    private int statusOf(int lineEnd) throws IOException {
        // "HTTP/1.1 200 OK": the three digits after the first space.
        int at = pos + 9;
        if (lineEnd - pos < 12 || !startsWith(pos, "HTTP/1.") || buf[at - 1] != ' ') {
            throw new IOException("malformed status line");
        }
        int status = 0;
        for (int i = at; i < at + 3; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                throw new IOException("malformed status code");
            }
            status = status * 10 + d;
        }
        return status;
    }

    private void readChunked(ByteArrayOutputStream sink) throws IOException {
        while (true) {
            int end = readLine();
            long size = 0;
            for (int i = pos; i < end - 2 && buf[i] != ';'; i++) {
                int d = Character.digit(buf[i], 16);
                if (d < 0) {
                    if (buf[i] == ' ' || buf[i] == '\t') {
                        continue;
                    }
                    throw new IOException("malformed chunk size");
                }
                size = size * 16 + d;
            }
            pos = end;
            if (size == 0) {
                // Trailer fields, if any, up to the empty line.
                while ((end = readLine()) != pos + 2) {
                    pos = end;
                }
                pos = end;
                return;
            }
            readBody(size, sink);
            end = readLine();
            pos = end;
        }
    }

    private void readBody(long length, ByteArrayOutputStream sink) throws IOException {
        long left = length;
        while (left > 0) {
            if (pos == limit && fill() < 0) {
                throw new EOFException("connection closed in the body");
            }
            int n = (int) Math.min(left, limit - pos);
            if (sink != null) {
                sink.write(buf, pos, n);
            }
            pos += n;
            left -= n;
        }
    }

    private void readToEnd(ByteArrayOutputStream sink) throws IOException {
        while (pos < limit || fill() >= 0) {
            if (sink != null) {
                sink.write(buf, pos, limit - pos);
            }
            pos = limit;
        }
    }

    /** Reads until the buffer holds a whole line at {@code pos}; returns the index just past its CRLF. */
    private int readLine() throws IOException {
        int from = pos;
        while (true) {
            for (int i = Math.max(from, pos + 1); i < limit; i++) {
                if (buf[i] == '\n' && buf[i - 1] == '\r') {
                    return i + 1;
                }
            }
            from = limit;
            if (pos > 0) {
                // Keep the partial line, drop what is consumed.
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                from -= pos;
                limit -= pos;
                pos = 0;
            } else if (limit == buf.length) {
                throw new IOException("response header line longer than " + BUFFER + " bytes");
            }
            if (fill() < 0) {
                throw new EOFException("connection closed in the response head");
            }
        }
    }

    /** Appends what the socket has to the buffer; -1 at end of stream. */
    private int fill() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    private boolean startsWith(int at, String ascii) {
        if (limit - at < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (buf[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the header line [from, end) is named {@code lowerName} (case-insensitive) followed by a colon. */
    private boolean matchesName(int from, int end, String lowerName) {
        int n = lowerName.length();
        if (end - from <= n || buf[from + n] != ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if ((Character.toLowerCase(buf[from + i])) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int valueStart(int from, int end) {
        int i = from;
        while (i < end && buf[i] != ':') {
            i++;
        }
        i++;
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        return i;
    }

    private long parseLong(int from, int to) throws IOException {
        long value = 0;
        int i = from;
        for (; i < to && buf[i] >= '0' && buf[i] <= '9'; i++) {
            value = value * 10 + (buf[i] - '0');
        }
        if (i == from) {
            throw new IOException("malformed Content-Length");
        }
        return value;
    }

    /** Case-insensitive search for a lower-case ASCII token in [from, to). */
    private boolean contains(int from, int to, String lowerToken) {
        int n = lowerToken.length();
        for (int start = from; start + n <= to; start++) {
            int i = 0;
            while (i < n && Character.toLowerCase(buf[start + i]) == lowerToken.charAt(i)) {
                i++;
            }
            if (i == n) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a broken connection has nothing left to report.
        }
    }
}
