package io.keel.scale;

/** No instance of the pool can take an attempt now; the message snapshots the pool's state. */
public class NoInstanceException extends RuntimeException {

    private final String pool;

    public NoInstanceException(String pool, String message) {
        super(message, null, false, false);
        this.pool = pool;
    }

    public String pool() {
        return pool;
    }
}
