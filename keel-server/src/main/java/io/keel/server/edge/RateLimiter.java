package io.keel.server.edge;

import io.github.bucket4j.ConsumptionProbe;

/** A token bucket per client (API key name, or address without keys): API.md, Rate limits. */
public interface RateLimiter extends AutoCloseable {

    /** The bucket's size, as reported in {@code RateLimit-Limit}. */
    long limit();

    /** Takes one token from {@code client}'s bucket if it has one. */
    ConsumptionProbe tryConsume(String client);

    @Override
    default void close() {
    }
}
