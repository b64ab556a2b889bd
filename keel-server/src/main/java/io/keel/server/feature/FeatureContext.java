package io.keel.server.feature;

import java.time.InstantSource;

import io.keel.governor.Governor;
import io.keel.server.Persistence;
import io.keel.server.agents.AgentRegistry;
import io.keel.server.config.KeelConfig;
import io.keel.server.maintenance.MaintenanceScheduler;
import io.keel.server.performance.PerformanceTracker;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a started server offers its features.
 *
 * @param scheduler   the shared maintenance scheduler: register periodic jobs here so they show in the API
 * @param persistence the records database (features with tables of their own use its data source)
 * @param cleanups    memory clean-ups features offer; the monitor runs them under heap pressure
 */
public record FeatureContext(
        KeelConfig config,
        String nodeId,
        Governor governor,
        AgentRegistry agents,
        MeterRegistry registry,
        MaintenanceScheduler scheduler,
        InstantSource clock,
        Persistence persistence,
        PerformanceTracker performance,
        MemoryCleanups cleanups) {
}
