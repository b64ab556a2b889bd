package io.keel.server.feature;

import java.util.ArrayList;
import java.util.List;

import io.keel.server.config.KeelConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The features a server runs, made from its configuration. Each capability adds one line here.
 */
public final class ServerFeatures {

    private ServerFeatures() {
    }

    public static List<ServerFeature> create(KeelConfig config, MeterRegistry registry) {
        List<ServerFeature> features = new ArrayList<>();
        features.add(new io.keel.server.cache.CacheFeature(config));
        features.add(new io.keel.server.monitor.MonitorFeature(config, registry));
        features.add(new io.keel.server.scale.ScaleFeature(registry));
        features.add(new io.keel.server.storage.StorageFeature());
        return features;
    }
}
