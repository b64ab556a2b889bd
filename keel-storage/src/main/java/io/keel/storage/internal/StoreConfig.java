package io.keel.storage.internal;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.function.LongSupplier;

import io.keel.storage.CompressionPolicy;
import io.keel.storage.FileRepository;
import io.keel.storage.RetentionPolicy;
import io.micrometer.core.instrument.MeterRegistry;

/** Everything a store is made of, fixed at open. */
public record StoreConfig(Path root, FileRepository repository, InstantSource clock, LongSupplier nanoTime,
                          MeterRegistry meterRegistry, RetentionPolicy retention, CompressionPolicy compression) {
}
