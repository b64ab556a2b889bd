package io.keel.server.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A remote agent instance on loopback: {@code GET /health} answers 200; {@code POST /} answers
 * {@code {"stub":N,"input":...}}, or 500 when failing, or waits for {@link #release()} when blocking.
 */
final class StubAgent implements AutoCloseable {

    private final int number;
    private final boolean failing;
    private final CountDownLatch gate;
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private StubAgent(int number, boolean failing, boolean blocking) {
        this.number = number;
        this.failing = failing;
        this.gate = new CountDownLatch(blocking ? 1 : 0);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/health", this::health);
        server.createContext("/", this::run);
        server.setExecutor(executor);
        server.start();
    }

    static StubAgent healthy(int number) {
        return new StubAgent(number, false, false);
    }

    static StubAgent failing(int number) {
        return new StubAgent(number, true, false);
    }

    static StubAgent blocking(int number) {
        return new StubAgent(number, false, true);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    int requests() {
        return requests.get();
    }

    void release() {
        gate.countDown();
    }

    private void health(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "{\"status\":\"UP\"}");
    }

    private void run(HttpExchange exchange) throws IOException {
        byte[] input = exchange.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failing) {
            respond(exchange, 500, "{\"error\":\"broken\"}");
            return;
        }
        respond(exchange, 200, "{\"stub\":" + number + ",\"input\":" + new String(input, StandardCharsets.UTF_8) + "}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
