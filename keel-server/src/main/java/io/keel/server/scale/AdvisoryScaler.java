package io.keel.server.scale;

import java.util.concurrent.atomic.AtomicInteger;

import io.keel.scale.Scaler;

/**
 * The target of a remote pool's autoscaler: instances outside this JVM cannot be started from here (yet), so
 * the decision is recorded (it shows in {@code /api/v1/scaling} as the desired size) and nothing else happens.
 */
final class AdvisoryScaler implements Scaler {

    private final AtomicInteger desired;

    AdvisoryScaler(int initial) {
        this.desired = new AtomicInteger(initial);
    }

    @Override
    public int currentSize() {
        return desired.get();
    }

    @Override
    public void scaleTo(int size) {
        desired.set(size);
    }
}
