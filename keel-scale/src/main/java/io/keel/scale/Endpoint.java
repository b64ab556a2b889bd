package io.keel.scale;

import java.net.URI;

/**
 * A remote agent instance.
 *
 * @param uri      its base address
 * @param capacity concurrent slots
 * @param weight   share for weighted round robin
 */
public record Endpoint(URI uri, int capacity, int weight) {

    public Endpoint {
        if (uri == null || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint needs an absolute URI with a host, not " + uri);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, not " + weight);
        }
    }

    public static Endpoint of(String uri, int capacity) {
        return new Endpoint(URI.create(uri), capacity, 1);
    }
}
