package io.keel.server.loadtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP stub for the load generator's tests: every request runs {@code behaviour} (simulated work,
 * e.g. a fixed delay) on its own virtual thread, then answers 200 with a small JSON body carrying an id.
 */
final class StubServer implements AutoCloseable {

    /** What the stub does before answering: gets the request's sequence number and the current concurrency. */
    interface Behaviour {
        void handle(long sequence, int concurrency) throws InterruptedException;
    }

    private final HttpServer server;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger concurrency = new AtomicInteger();

    private StubServer(Behaviour behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> answer(exchange, behaviour));
        server.start();
    }

    static StubServer start(Behaviour behaviour) throws IOException {
        return new StubServer(behaviour);
    }

    static StubServer fixedDelay(long millis) throws IOException {
        return start((n, c) -> Thread.sleep(millis));
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long requests() {
        return sequence.get();
    }

    private void answer(HttpExchange exchange, Behaviour behaviour) throws IOException {
        long n = sequence.incrementAndGet();
        int now = concurrency.incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            behaviour.handle(n, now);
            byte[] body = ("{\"id\":\"op-" + n + "\",\"path\":\"" + exchange.getRequestURI().getPath() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        } finally {
            concurrency.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
