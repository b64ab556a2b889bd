package io.keel.scale;

/**
 * What an autoscaler resizes: an in-process pool ({@link AgentPool#scaler()}) or something outside
 * the JVM, such as a Kubernetes Deployment ({@link KubernetesDeploymentScaler}).
 */
public interface Scaler {

    /** The size asked for last (not necessarily all ready yet). */
    int currentSize();

    void scaleTo(int size);
}
