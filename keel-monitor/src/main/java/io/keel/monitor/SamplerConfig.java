package io.keel.monitor;

import java.time.Duration;

/**
 * How often the system sampler runs and how often its costlier parts refresh.
 *
 * @param interval       one tick: CPU, load, memory, swap, process, JVM
 * @param ioEveryTicks   process RSS and descriptors, disk space, disk I/O and network refresh every this many ticks
 * @param discoveryEveryTicks file stores, disks and interfaces are re-enumerated (the slow OSHI calls) this rarely
 * @param jvmBinders     also bind Micrometer's JVM binders (memory pools, GC, threads, class loading, processor,
 *                       uptime, file descriptors); off when the host application binds them itself
 */
public record SamplerConfig(Duration interval, int ioEveryTicks, int discoveryEveryTicks, boolean jvmBinders) {

    public SamplerConfig {
        if (interval == null || interval.toMillis() < 10) {
            throw new IllegalArgumentException("sampling interval must be at least 10 ms, was " + interval);
        }
        if (ioEveryTicks < 1) {
            throw new IllegalArgumentException("ioEveryTicks must be positive, was " + ioEveryTicks);
        }
        if (discoveryEveryTicks < ioEveryTicks) {
            throw new IllegalArgumentException("discoveryEveryTicks must be at least ioEveryTicks=" + ioEveryTicks
                    + ", was " + discoveryEveryTicks);
        }
    }

    /** Every second; process resources, disk and network every 10 s; re-enumeration every 5 minutes; JVM binders on. */
    public static SamplerConfig defaults() {
        return new SamplerConfig(Duration.ofSeconds(1), 10, 300, true);
    }

    public SamplerConfig withInterval(Duration d) {
        return new SamplerConfig(d, ioEveryTicks, discoveryEveryTicks, jvmBinders);
    }

    public SamplerConfig withJvmBinders(boolean on) {
        return new SamplerConfig(interval, ioEveryTicks, discoveryEveryTicks, on);
    }
}
