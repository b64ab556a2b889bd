package io.keel.governor;

/**
 * Picks where each attempt of an operation runs (agent pools plug in here). Called once per attempt,
 * just before it starts.
 */
@FunctionalInterface
public interface InstanceSelector {

    /**
     * @throws NoInstanceAvailableException when no instance can take the work; the attempt then fails
     *                                      retryably
     */
    InstanceLease select(OperationSpec<?> spec);

    /** The trivial default: every operation runs in this JVM on one instance named {@code "local"}. */
    static InstanceSelector local() {
        InstanceLease local = new InstanceLease() {
            @Override
            public String instanceId() {
                return "local";
            }

            @Override
            public Object target() {
                return null;
            }

            @Override
            public void release(Outcome outcome) {
            }
        };
        return spec -> local;
    }
}
