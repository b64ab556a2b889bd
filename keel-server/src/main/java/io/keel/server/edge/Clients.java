package io.keel.server.edge;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The client address as logged and rate limited: the peer's IP, never a header a client could forge. */
public final class Clients {

    private Clients() {
    }

    public static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
