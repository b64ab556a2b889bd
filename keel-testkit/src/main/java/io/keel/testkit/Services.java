package io.keel.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assumptions;

/**
 * Checks that a real service (PostgreSQL, Redis) answers on loopback before a test uses it.
 *
 * <p>Outside CI a missing service skips the test, so a laptop without Redis can still run the suite.
 * Under {@code CI=true} a missing service fails the test: CI must never go green by skipping the real paths.
 */
public final class Services {

    public static final Endpoint POSTGRES = new Endpoint("PostgreSQL", "127.0.0.1", 5432);
    public static final Endpoint REDIS = new Endpoint("Redis", "127.0.0.1", 6379);

    private Services() {
    }

    /** A named TCP service on this machine. */
    public record Endpoint(String name, String host, int port) {

        public boolean isUp() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** Skips the calling test when the service is down, or fails it under {@code CI=true}. */
        public void require() {
            if (isUp()) {
                return;
            }
            String message = name + " is not answering on " + host + ":" + port;
            if (runningInCi()) {
                throw new AssertionError(message + " (CI=true: tests of real services must not be skipped)");
            }
            Assumptions.abort(message + "; start it to run this test");
        }
    }

    static boolean runningInCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
