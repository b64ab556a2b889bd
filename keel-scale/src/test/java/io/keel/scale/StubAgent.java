package io.keel.scale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote agent on loopback: {@code /work} answers after a delay (or fails), {@code /health}
 * answers 200 with a load report, or 503 when told to be unhealthy.
 */
final class StubAgent implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final AtomicInteger served = new AtomicInteger();
    volatile long delayMillis;
    volatile boolean failing;
    volatile boolean healthy = true;

    StubAgent(long delayMillis, boolean failing) throws IOException {
        this.delayMillis = delayMillis;
        this.failing = failing;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/work", this::work);
        server.createContext("/health", this::health);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void work(HttpExchange exchange) throws IOException {
        served.incrementAndGet();
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis); // simulated work of the agent
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        respond(exchange, failing ? 500 : 200, failing ? "{\"error\":\"broken\"}" : "{\"ok\":true}");
    }

    private void health(HttpExchange exchange) throws IOException {
        respond(exchange, healthy ? 200 : 503, "{\"status\":\"UP\",\"cpu\":0.25,\"memory\":0.5}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
