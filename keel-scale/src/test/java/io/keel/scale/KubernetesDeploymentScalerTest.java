package io.keel.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.keel.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against fabric8's mock API server in CRUD mode: a real HTTP API server that keeps objects. */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesDeploymentScalerTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @BeforeEach
    void createDeployment() {
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName("summariser").withNamespace("agents").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "summariser").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "summariser").endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage("example/summariser:1").endContainer()
                .endSpec().endTemplate().endSpec().build();
        client.apps().deployments().inNamespace("agents").resource(deployment).createOr(r -> r.update());
    }

    private int replicas() {
        return client.apps().deployments().inNamespace("agents").withName("summariser").get().getSpec().getReplicas();
    }

    @Test
    void readsAndSetsTheReplicasOfTheDeployment() {
        Scaler scaler = new KubernetesDeploymentScaler(client, "agents", "summariser");
        assertThat(scaler.currentSize()).isEqualTo(2);
        scaler.scaleTo(5);
        assertThat(replicas()).isEqualTo(5);
        assertThat(scaler.currentSize()).isEqualTo(5);
        scaler.scaleTo(0);
        assertThat(replicas()).isZero();
    }

    @Test
    void theAutoscalerDrivesTheDeployment() {
        ManualClock clock = new ManualClock();
        ScalingPolicy policy = ScalingPolicy.custom().instances(1, 8).period(Duration.ofSeconds(15)).build();
        Autoscaler autoscaler = Autoscaler.builder("summariser", policy)
                .scaler(new KubernetesDeploymentScaler(client, "agents", "summariser"))
                .signals(() -> ScalingSignals.of(2, 4, 8, 20)).clock(clock).build();
        clock.advance(Duration.ofSeconds(15));
        ScalingDecision decision = autoscaler.evaluate();
        assertThat(decision.applied()).isTrue();
        assertThat(decision.from()).isEqualTo(2);
        assertThat(replicas()).isEqualTo(decision.to()).isGreaterThan(2);
    }

    @Test
    void aMissingDeploymentIsNamedInTheError() {
        Scaler scaler = new KubernetesDeploymentScaler(client, "agents", "nope");
        assertThatThrownBy(scaler::currentSize).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("agents/nope");
        assertThatThrownBy(() -> scaler.scaleTo(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("agents/nope");
    }
}
