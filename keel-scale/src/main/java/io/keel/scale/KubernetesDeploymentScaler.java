package io.keel.scale;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;

/**
 * Scales agent instances that run outside the JVM as a Kubernetes Deployment, through its scale
 * subresource (the same call as {@code kubectl scale}). Thread-safe as the client is. The pool's
 * endpoints then follow the Deployment's pods by whatever discovery the server uses.
 */
public final class KubernetesDeploymentScaler implements Scaler {

    private final KubernetesClient client;
    private final String namespace;
    private final String deployment;

    public KubernetesDeploymentScaler(KubernetesClient client, String namespace, String deployment) {
        this.client = Objects.requireNonNull(client);
        if (namespace == null || namespace.isBlank() || deployment == null || deployment.isBlank()) {
            throw new IllegalArgumentException("namespace and deployment must be named, not '" + namespace + "/"
                    + deployment + "'");
        }
        this.namespace = namespace;
        this.deployment = deployment;
    }

    /** The replicas the Deployment asks for (its spec), which is what this scaler sets. */
    @Override
    public int currentSize() {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
        if (d == null) {
            throw new IllegalStateException("deployment " + namespace + "/" + deployment + " not found");
        }
        Integer replicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    @Override
    public void scaleTo(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("replicas must not be negative, not " + size);
        }
        try {
            client.apps().deployments().inNamespace(namespace).withName(deployment).scale(size);
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("could not scale deployment " + namespace + "/" + deployment + " to "
                    + size + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "deployment " + namespace + "/" + deployment;
    }
}
