package io.keel.monitor;

import static io.keel.monitor.MonitorSeries.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real OSHI on this machine: the gauges exist and their values are sane (no assertion on actual load). */
class SystemSamplerTest {

    private static SimpleMeterRegistry registry;
    private static SystemSampler sampler;

    @BeforeAll
    static void sampleTwice() {
        registry = new SimpleMeterRegistry();
        // I/O every tick so the rates appear after the second sample
        sampler = new SystemSampler(new SamplerConfig(java.time.Duration.ofSeconds(1), 1, 10, true), System::nanoTime);
        sampler.bindTo(registry);
        sampler.sample();
    }

    @AfterAll
    static void close() {
        sampler.close();
        registry.close();
    }

    private static double gauge(String name) {
        Gauge g = registry.find(name).gauge();
        assertThat(g).as("gauge %s", name).isNotNull();
        return g.value();
    }

    @Test
    void ratiosLieBetweenZeroAndOne() {
        for (String name : new String[] {SYSTEM_CPU, PROCESS_CPU, MEMORY_USAGE, HEAP_USAGE, GC_TIME_RATIO}) {
            assertThat(gauge(name)).as(name).isBetween(0.0, 1.0);
        }
    }

    @Test
    void sizesAndCountsArePositiveAndConsistent() {
        assertThat(gauge(MEMORY_TOTAL)).isPositive();
        assertThat(gauge(MEMORY_AVAILABLE)).isBetween(0.0, gauge(MEMORY_TOTAL));
        assertThat(gauge(SWAP_USED)).isBetween(0.0, Math.max(0, gauge(SWAP_TOTAL)));
        assertThat(gauge(HEAP_USED)).isPositive().isLessThanOrEqualTo(gauge(HEAP_MAX));
        assertThat(gauge(THREADS_LIVE)).isGreaterThanOrEqualTo(1);
        assertThat(gauge(PROCESS_RSS)).isPositive();
        assertThat(gauge(OPEN_FDS)).isPositive();
        assertThat(gauge(LOAD_1M)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void ratesAreNonNegative() {
        for (String name : new String[] {DISK_READ_RATE, DISK_WRITE_RATE, NET_RECEIVE_RATE, NET_SEND_RATE}) {
            assertThat(gauge(name)).as(name).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void everyFileStoreHasItsSpaceTaggedByMountPoint() {
        assertThat(registry.find(DISK_FREE_RATIO).gauges()).isNotEmpty().allSatisfy(g -> {
            assertThat(g.getId().getTag("store")).isNotBlank();
            assertThat(g.value()).isBetween(0.0, 1.0);
        });
        assertThat(registry.find(DISK_TOTAL).gauges()).allSatisfy(g -> assertThat(g.value()).isPositive());
    }

    @Test
    void micrometerJvmBindersAreBound() {
        assertThat(registry.find("jvm.memory.used").gauges()).isNotEmpty();
        assertThat(registry.find("jvm.threads.live").gauge()).isNotNull();
        assertThat(registry.find("process.uptime").meter()).isNotNull();
    }

    @Test
    void everySampledSeriesIsOfferedForHistory() {
        java.util.Set<String> names = new java.util.HashSet<>();
        sampler.forEach((k, v) -> names.add(k.name()));
        assertThat(names).contains(SYSTEM_CPU, MEMORY_USAGE, HEAP_USAGE, DISK_FREE_RATIO, OPEN_FDS);
        assertThat(sampler.ticks()).isEqualTo(2);
    }

    @Test
    void theSnapshotTypesTheSummarysSystemSection() {
        SystemSnapshot snap = SystemSnapshot.of(sampler);
        assertThat(snap.cpu()).isBetween(0.0, 1.0);
        assertThat(snap.memoryUsage()).isBetween(0.0, 1.0);
        assertThat(snap.heapUsed()).isPositive();
        assertThat(snap.disks()).isNotEmpty().allSatisfy(d -> assertThat(d.freeRatio()).isBetween(0.0, 1.0));
    }
}
