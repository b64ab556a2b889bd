package io.keel.server.feature;

import io.helidon.webserver.http.HttpRouting;
import io.keel.governor.GovernorBuilder;

/**
 * A capability plugged into the server (result cache, monitor, file store, pools, edge…). The server calls
 * each feature in this order: {@link #configureGovernor} before the governor is built (interceptors, instance
 * selector), {@link #start} once the governor, agents and maintenance scheduler exist, {@link #routes} while the
 * routing is assembled (after the core API, before static content and the catch-all 404), and {@link #close}
 * after the governor has shut down. Features never edit each other; they meet through the context.
 */
public interface ServerFeature extends AutoCloseable {

    /** A short name for logs and the health report, e.g. {@code "cache"}. */
    String name();

    default void configureGovernor(GovernorBuilder governor) {
    }

    default void start(FeatureContext context) {
    }

    default void routes(HttpRouting.Builder routing) {
    }

    @Override
    default void close() {
    }
}
