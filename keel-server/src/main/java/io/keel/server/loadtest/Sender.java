package io.keel.server.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends one rendered request with a shared {@link HttpClient} (HTTP/1.1, pooled keep-alive connections) and
 * captures the variables the template asks for. Blocking by design: callers run it on virtual threads.
 */
public final class Sender implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;
    private final Duration timeout;

    public Sender(URI target, Duration timeout) {
        String text = target.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Outcome send(RequestTemplate template, RequestMix mix) {
        try {
            Map<String, String> vars = mix.variables();
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + template.path().render(vars)))
                    .timeout(timeout);
            template.headers().forEach((name, value) -> builder.header(name, value.render(vars)));
            HttpRequest.BodyPublisher body = template.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(template.body().render(vars));
            builder.method(template.method(), body);
            if (template.capture().isEmpty()) {
                HttpResponse<Void> response = client.send(builder.build(), HttpResponse.BodyHandlers.discarding());
                return Outcome.ofStatus(response.statusCode());
            }
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() < 400) {
                capture(template, response.body(), mix);
            }
            return Outcome.ofStatus(response.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.ofException(e);
        } catch (Exception e) {
            return Outcome.ofException(e);
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
        } catch (java.io.IOException e) {
            // A body that is not JSON captures nothing; the status already tells the story.
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
