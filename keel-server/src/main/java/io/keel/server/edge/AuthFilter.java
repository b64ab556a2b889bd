package io.keel.server.edge;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.keel.server.http.ProblemType;
import io.keel.server.http.Problems;

/**
 * API.md, Auth: {@code Authorization: Bearer <key>}; a missing or unknown key → 401 with
 * {@code WWW-Authenticate: Bearer}, a key without the route's {@link Scope} → 403. Health probes and
 * {@code /metrics} are open (probes and scrapers carry no keys). Installed only when keys are configured.
 * The presented secret is never put in a message, header or log.
 */
public final class AuthFilter implements Filter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;

    public AuthFilter(ApiKeys keys) {
        this.keys = keys;
    }

    /** Paths outside auth, rate limits and response caching (API.md, Start). */
    public static boolean isOpen(String path) {
        return path.equals("/metrics") || path.equals("/health") || path.startsWith("/health/");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (isOpen(path)) {
            chain.proceed();
            return;
        }
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        Optional<ApiKeys.ApiKey> key = header
                .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .flatMap(h -> keys.authenticate(h.substring(BEARER.length()).trim()));
        if (key.isEmpty()) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"keel\"");
            Problems.send(res, ProblemType.UNAUTHORIZED, header.isEmpty()
                    ? "missing Authorization: Bearer <key> header"
                    : "the API key presented is not valid");
            return;
        }
        EdgeContext.Request current = EdgeContext.current();
        if (current != null) {
            EdgeContext.set(current.withKey(key.get().name(), key.get().scopeList()));
        }
        String method = req.prologue().method().text();
        Scope needed = Scope.requiredFor(method, path);
        if (!key.get().grants(needed)) {
            Problems.send(res, ProblemType.FORBIDDEN, "key '" + key.get().name() + "' lacks the '" + needed.text()
                    + "' scope needed for " + method + " " + path);
            return;
        }
        chain.proceed();
    }
}
