package io.keel.server.loadtest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a {@link RequestTemplate} into the bytes of an HTTP/1.1 request for one target. A template without
 * placeholders encodes to the same bytes every time, so those are built once and reused; the others are rendered
 * per request.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class RequestEncoder {

    private final String basePath;
    private final String hostHeader;
    private final Map<RequestTemplate, byte[]> fixed;

    RequestEncoder(URI target, Iterable<RequestTemplate> templates) {
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        boolean tls = "https".equals(target.getScheme());
        int port = target.getPort();
        boolean defaultPort = port < 0 || port == (tls ? 443 : 80);
        this.hostHeader = defaultPort ? target.getHost() : target.getHost() + ":" + port;
        java.util.IdentityHashMap<RequestTemplate, byte[]> constant = new java.util.IdentityHashMap<>();
        for (RequestTemplate t : templates) {
            if (isConstant(t)) {
                try {
                    constant.put(t, render(t, Map.of()));
                } catch (IllegalArgumentException e) {
                    // Left to fail on every send, so the report counts it as an error kind.
                }
            }
        }
        this.fixed = constant;
    }

    byte[] encode(RequestTemplate template, Map<String, String> variables) {
        byte[] bytes = fixed.get(template);
        return bytes != null ? bytes : render(template, variables);
    }

    private byte[] render(RequestTemplate t, Map<String, String> variables) {
        byte[] body = t.body() == null ? null : t.body().render(variables).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256);
        head.append(t.method()).append(' ').append(basePath).append(checked("path", t.path().render(variables)))
                .append(" HTTP/1.1\r\n");
        boolean hostGiven = false;
        for (Map.Entry<String, Template> h : t.headers().entrySet()) {
            hostGiven |= h.getKey().equalsIgnoreCase("host");
            head.append(h.getKey()).append(": ").append(checked(h.getKey(), h.getValue().render(variables))).append("\r\n");
        }
        if (!hostGiven) {
            head.append("Host: ").append(hostHeader).append("\r\n");
        }
        head.append("User-Agent: keel-loadtest\r\n");
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        } else if (!t.method().equals("GET") && !t.method().equals("HEAD") && !t.method().equals("DELETE")
                && !t.method().equals("OPTIONS")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** A CR, LF or (in the path) a space would split the request line or a header: refuse it, naming the field. */
    private static String checked(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || (c == ' ' && field.equals("path"))) {
                throw new IllegalArgumentException(field + ": illegal character in '" + value + "'");
            }
        }
        return value;
    }

    private static boolean isConstant(RequestTemplate t) {
        return t.path().constant() && (t.body() == null || t.body().constant())
                && t.headers().values().stream().allMatch(Template::constant);
    }
}
