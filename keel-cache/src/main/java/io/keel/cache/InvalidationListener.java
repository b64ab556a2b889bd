package io.keel.cache;

/** Receives invalidations from a {@link SecondLevel}, and learns when it may have missed some. */
public interface InvalidationListener {

    void onInvalidation(Invalidation invalidation);

    /**
     * The link that carries invalidations was lost or has just come back. Messages may have been missed in between,
     * so the listener must stop trusting anything it cached before this call.
     */
    void onLinkGap();
}
