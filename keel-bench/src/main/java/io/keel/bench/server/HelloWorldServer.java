package io.keel.bench.server;

import io.helidon.webserver.WebServer;

/**
 * A bare Helidon SE hello-world: the yardstick {@code health-vs-hello.sh} measures Keel's
 * {@code GET /health/live} against (issue 2 §5: at least 70% of this). Nothing but one route.
 *
 * <p>Usage: {@code java -cp ... io.keel.bench.server.HelloWorldServer [port]}; prints the port when ready.
 */
public final class HelloWorldServer {

    private HelloWorldServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.get("/hello", (req, res) -> res.send("Hello World")))
                .build()
                .start();
        System.out.println("hello-world ready on port " + server.port());
        System.out.flush();
    }
}
