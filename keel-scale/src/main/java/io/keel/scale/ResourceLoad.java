package io.keel.scale;

/**
 * Load an instance reports about itself, each as a fraction of what it has (0 = idle, 1 = full).
 *
 * @param cpu    CPU in use, 0..1
 * @param memory memory in use, 0..1
 */
public record ResourceLoad(double cpu, double memory) {
    public ResourceLoad {
        if (!(cpu >= 0 && cpu <= 1)) {
            throw new IllegalArgumentException("cpu must be within 0..1, not " + cpu);
        }
        if (!(memory >= 0 && memory <= 1)) {
            throw new IllegalArgumentException("memory must be within 0..1, not " + memory);
        }
    }
}
