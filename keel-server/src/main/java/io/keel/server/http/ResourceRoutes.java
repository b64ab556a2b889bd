package io.keel.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code /metrics} (Prometheus text), {@code /openapi} (the YAML document), the dashboard and its webjars. */
final class ResourceRoutes {

    static final String OPENAPI_RESOURCE = "openapi/keel.yaml";

    private ResourceRoutes() {
    }

    static void registerMetricsAndOpenApi(HttpRouting.Builder routing, PrometheusMeterRegistry registry) {
        byte[] openapi = resource(OPENAPI_RESOURCE);
        routing.get("/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(registry.scrape());
        }).get("/openapi", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
            res.send(openapi);
        });
    }

    /** Registered last but for the 404 route: the static service passes on what it does not hold. */
    static void registerStatic(HttpRouting.Builder routing) {
        routing.register("/webjars", StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location("META-INF/resources/webjars")
                .build()));
        routing.register("/", StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location("web")
                .welcome("index.html")
                .build()));
    }

    private static byte[] resource(String name) {
        try (InputStream in = ResourceRoutes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
