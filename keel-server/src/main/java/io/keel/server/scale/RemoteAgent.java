package io.keel.server.scale;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.governor.AgentSpec;
import io.keel.governor.OperationTask;
import io.keel.governor.RetryPolicy;
import io.keel.governor.RetryableException;
import io.keel.server.agents.BuiltInAgent;
import io.keel.server.json.Json;

/**
 * An agent whose instances are HTTP servers elsewhere: each attempt POSTs the operation's input as JSON to the
 * endpoint its pool picked, and the response's JSON is the result. A 5xx, a timeout or a refused connection is
 * retryable (another instance may do); any other non-2xx is the agent saying no, and is final.
 */
final class RemoteAgent implements BuiltInAgent {

    private final AgentSpec spec;
    private final HttpClient client;
    private final Duration requestTimeout;

    RemoteAgent(String name, int maxConcurrency, HttpClient client, Duration requestTimeout) {
        this.spec = AgentSpec.io(name).withMaxConcurrency(maxConcurrency)
                .withRetry(RetryPolicy.exponential(3, Duration.ofMillis(50)));
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public AgentSpec spec() {
        return spec;
    }

    @Override
    public OperationTask<Object> task(JsonNode input) {
        byte[] body = Json.bytes(input);
        return context -> {
            if (!(context.instance().target() instanceof URI endpoint)) {
                throw new IllegalStateException("agent '" + spec.name() + "' has no endpoint for this attempt");
            }
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                    .header("Content-Type", Json.APPLICATION_JSON).header("Accept", Json.APPLICATION_JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException | HttpTimeoutException e) {
                throw new RetryableException(endpoint + ": " + e, e);
            } catch (IOException e) {
                throw new RetryableException(endpoint + ": " + e, e);
            }
            int status = response.statusCode();
            if (status >= 500) {
                throw new RetryableException(endpoint + " answered " + status);
            }
            if (status / 100 != 2) {
                throw new IllegalStateException(endpoint + " answered " + status);
            }
            byte[] content = response.body();
            if (content.length == 0) {
                return com.fasterxml.jackson.databind.node.NullNode.getInstance();
            }
            try {
                return Json.MAPPER.readTree(content);
            } catch (IOException e) {
                throw new IllegalStateException(endpoint + " answered with a body that is not JSON", e);
            }
        };
    }
}
