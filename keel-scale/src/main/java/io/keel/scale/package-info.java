/**
 * Keel's scalability library: agent pools and where each attempt runs, health, autoscaling and costs.
 *
 * <ul>
 *   <li>{@link io.keel.scale.AgentPool}: the instances of one agent type (in-process from an
 *       {@link io.keel.scale.InstanceFactory}, or remote {@link io.keel.scale.Endpoint}s);
 *       {@code acquire()} returns a {@link io.keel.scale.PoolLease} on the instance the pool's
 *       {@link io.keel.scale.Balancer} picks, released once with the attempt's outcome.</li>
 *   <li>Health: active {@link io.keel.scale.HealthCheck}s, passive {@link io.keel.scale.OutlierDetection},
 *       slow start, and a per-type {@link io.keel.scale.CircuitBreaker}.</li>
 *   <li>{@link io.keel.scale.Autoscaler}: a {@link io.keel.scale.ScalingPolicy} applied each period to
 *       {@link io.keel.scale.ScalingSignals}, resizing a {@link io.keel.scale.Scaler} (the pool itself, or
 *       a {@link io.keel.scale.KubernetesDeploymentScaler}); history as {@link io.keel.scale.ScalingDecision}s.</li>
 *   <li>{@link io.keel.scale.CostTracker}: per-type costs, projections and recommendations.</li>
 *   <li>{@link io.keel.scale.ScalabilityReport}: all of it as plain records for {@code /api/v1/scaling}.</li>
 * </ul>
 *
 * <p>This module depends on no other Keel module; the server adapts a pool to the governor's
 * {@code InstanceSelector}. Everything that waits or expires takes an injected clock.
 */
package io.keel.scale;
