package io.keel.monitor;

/**
 * A clean-up the memory manager runs under heap pressure (the cache shrinking its L1, the record store
 * dropping finished records from memory). Reports what it freed; its own estimate is fine.
 */
@FunctionalInterface
public interface Cleanup {

    Freed run();

    /** What one clean-up freed; either figure may be 0 when unknown. */
    record Freed(long bytes, long entries) {
        public static final Freed NOTHING = new Freed(0, 0);

        public Freed {
            if (bytes < 0 || entries < 0) {
                throw new IllegalArgumentException("freed amounts must not be negative, were " + bytes + " bytes, "
                        + entries + " entries");
            }
        }
    }
}
