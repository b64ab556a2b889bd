package io.keel.server.loadtest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends one rendered request over a pooled keep-alive connection ({@link ConnectionPool}, {@link HttpConnection})
 * and captures the variables the template asks for. Blocking by design: callers run it on virtual threads, where
 * a blocked socket read parks the virtual thread instead of holding a carrier.
 *
 * <p>A pooled connection the server closed while it was idle fails before any byte of the answer; that request
 * never reached the server, so it is sent once more on a fresh connection rather than reported as an error.
 */
public final class Sender implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectionPool pool;
    private final RequestEncoder encoder;

    public Sender(URI target, Duration timeout, Iterable<RequestTemplate> templates) {
        this.pool = new ConnectionPool(target, timeout);
        this.encoder = new RequestEncoder(target, templates);
    }

    public Outcome send(RequestTemplate template, RequestMix mix) {
        try {
            byte[] request = encoder.encode(template, mix.variables());
            boolean keepBody = !template.capture().isEmpty();
            HttpConnection.Response response;
            try {
                response = exchange(pool.acquire(), request, template, keepBody);
            } catch (HttpConnection.StaleConnectionException e) {
                response = exchange(pool.connect(), request, template, keepBody);
            }
            if (keepBody && response.status() < 400) {
                capture(template, response.body(), mix);
            }
            return Outcome.ofStatus(response.status());
        } catch (Exception e) {
            return Outcome.ofException(e);
        }
    }

    private HttpConnection.Response exchange(HttpConnection connection, byte[] request, RequestTemplate template,
                                             boolean keepBody) throws IOException {
        boolean done = false;
        try {
            HttpConnection.Response response = connection.exchange(request, template.method().equals("HEAD"), keepBody,
                    pool.timeoutNanos());
            done = response.reusable() && !connection.expired();
            return response;
        } finally {
            if (done) {
                pool.release(connection);
            } else {
                pool.discard(connection);
            }
        }
    }

    private static void capture(RequestTemplate template, byte[] body, RequestMix mix) {
        try {
            JsonNode root = JSON.readTree(body);
            template.capture().forEach((variable, field) -> {
                JsonNode node = root;
                for (String part : field.split("\\.")) {
                    node = node == null ? null : node.get(part);
                }
                if (node != null && node.isValueNode()) {
                    mix.capture(variable, node.asText());
                }
            });
        } catch (IOException e) {
            // A body that is not JSON captures nothing; the status already tells the story.
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
