package io.keel.cache.jdbc.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.keel.cache.Invalidation;
import io.keel.cache.InvalidationListener;

/** The listeners subscribed to one level; a listener that throws is logged and does not stop the others. */
public final class Listeners {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();

    public AutoCloseable add(InvalidationListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    public void clear() {
        listeners.clear();
    }

    public void deliver(Invalidation invalidation) {
        for (InvalidationListener l : listeners) {
            try {
                l.onInvalidation(invalidation);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "invalidation listener failed", e);
            }
        }
    }

    public void gap() {
        for (InvalidationListener l : listeners) {
            try {
                l.onLinkGap();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "invalidation listener failed on link gap", e);
            }
        }
    }
}
