package io.keel.server.loadtest;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One weighted request of a scenario. {@code path}, header values and {@code body} may hold variables
 * ({@link Template}); {@code capture} maps a variable name to a JSON field of this request's response
 * (dotted path, e.g. {@code id}) so later requests can use it as {@code {{name}}}.
 */
public record RequestTemplate(String name, int weight, String method, Template path, Map<String, Template> headers,
                              Template body, Map<String, String> capture) {

    public RequestTemplate {
        Objects.requireNonNull(name, "name");
        if (weight <= 0) {
            throw new IllegalArgumentException("weight: must be > 0, was '" + weight + "'");
        }
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        capture = Map.copyOf(capture);
    }

    /** The captured variables this request needs before it can be sent. */
    public Set<String> needs() {
        java.util.HashSet<String> needs = new java.util.HashSet<>(path.variables());
        headers.values().forEach(h -> needs.addAll(h.variables()));
        if (body != null) {
            needs.addAll(body.variables());
        }
        return needs;
    }
}
