package io.keel.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The served OpenAPI document must parse as YAML and describe the routes that are built: several features
 * append to it, and a broken document was once served without any test noticing.
 */
class OpenApiDocumentTest {

    @Test
    void documentIsValidYamlAndListsTheBuiltRoutes() throws IOException {
        JsonNode document;
        try (InputStream in = getClass().getResourceAsStream("/openapi/keel.yaml")) {
            assertThat(in).as("openapi/keel.yaml on the classpath").isNotNull();
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertThat(document.path("openapi").asText()).startsWith("3.");
        JsonNode paths = document.path("paths");
        assertThat(paths.isObject()).isTrue();
        for (String route : new String[] {
                "/health", "/health/live", "/health/ready", "/metrics", "/openapi",
                "/api/v1/agents", "/api/v1/operations", "/api/v1/operations/{id}", "/api/v1/operations/{id}/events",
                "/api/v1/performance/summary"}) {
            assertThat(paths.has(route)).as("path %s documented", route).isTrue();
        }
    }
}
