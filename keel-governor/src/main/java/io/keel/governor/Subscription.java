package io.keel.governor;

/** Stops a listener's deliveries when closed. Closing twice is harmless. */
public interface Subscription extends AutoCloseable {

    /** Events dropped because this listener fell behind its buffer. */
    long droppedEvents();

    @Override
    void close();
}
