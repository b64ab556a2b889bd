package io.keel.storage.internal;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

import io.keel.storage.CompressionPolicy;
import io.keel.storage.FileRepository;
import io.keel.storage.RetentionPolicy;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Everything a store is made of, fixed at open.
 *
 * @param sinkDecorator wraps the stream every ingest writes its temporary file through; identity in production,
 *                      a fault injector in tests that cannot fill a real file system
 */
public record StoreConfig(Path root, FileRepository repository, InstantSource clock, LongSupplier nanoTime,
                          MeterRegistry meterRegistry, RetentionPolicy retention, CompressionPolicy compression,
                          UnaryOperator<OutputStream> sinkDecorator) {
}
