package io.keel.server.edge;

/**
 * What the edge learned about the request being handled, visible to the code that handles it: the trace
 * (the logging context, like an MDC), the key's name, and what the response shaping needs.
 *
 * <p>Helidon runs each request on its own virtual thread, filters and handler alike, so a ThreadLocal set by
 * the first filter and removed in its {@code finally} is exactly request-scoped. Work handed to other threads
 * (the governor's) does not see it; the submit path copies the trace id into the operation instead.
 */
public final class EdgeContext {

    /**
     * The request as the edge saw it; {@code keyName} and {@code scopes} are null without keys;
     * {@code sortedQuery} is the query's parameters sorted, so equal queries in another order are one key.
     */
    public record Request(TraceParent trace, String method, String path, String sortedQuery, String ifNoneMatch,
                          String acceptEncoding, String keyName, String scopes) {

        Request withKey(String name, String keyScopes) {
            return new Request(trace, method, path, sortedQuery, ifNoneMatch, acceptEncoding, name, keyScopes);
        }
    }

    private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

    private EdgeContext() {
    }

    public static Request current() {
        return CURRENT.get();
    }

    /** The current request's trace id, or null outside a request. */
    public static String traceId() {
        Request r = CURRENT.get();
        return r == null ? null : r.trace().traceId();
    }

    static void set(Request request) {
        CURRENT.set(request);
    }

    static void clear() {
        CURRENT.remove();
    }
}
