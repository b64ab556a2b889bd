package io.keel.scale;

/** Makes in-process agent instances for a pool that resizes itself. */
@FunctionalInterface
public interface InstanceFactory {

    /** @return the instance object, handed to callers as {@link PoolLease#target()} */
    Object create(String instanceId) throws Exception;

    /** Called once an instance has drained and left the pool. */
    default void destroy(Object target) {
    }
}
