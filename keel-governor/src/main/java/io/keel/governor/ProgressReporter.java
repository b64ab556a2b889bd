package io.keel.governor;

/**
 * What a running handler calls to say how far it has got. Cheap and non-blocking: the governor
 * derives the ETA and notifies listeners off the handler's thread.
 */
public interface ProgressReporter {

    /** Starts step {@code index} (1-based) of {@code count}, named {@code name}; percent follows from the step. */
    void step(String name, int index, int count);

    /** Sets the percent done (0 to 100) within the current work. */
    void percent(double percent);

    /** Sets everything at once. */
    void report(String step, int index, int count, double percent);

    /** A reporter that ignores everything, for code run outside the governor. */
    static ProgressReporter none() {
        return new ProgressReporter() {
            @Override
            public void step(String name, int index, int count) {
            }

            @Override
            public void percent(double percent) {
            }

            @Override
            public void report(String step, int index, int count, double percent) {
            }
        };
    }
}
