package io.keel.storage;

/**
 * When content is stored zstd-compressed. The first {@code sampleBytes} of each content are compressed as a
 * probe; the whole content is compressed when the probe shrinks by at least {@code minRatio}. Content smaller
 * than {@code minSizeBytes} is stored as is (the frame overhead would eat the gain).
 */
public record CompressionPolicy(boolean enabled, int level, int sampleBytes, double minRatio, long minSizeBytes) {

    public CompressionPolicy {
        if (level < 1 || level > 19) {
            throw new IllegalArgumentException("zstd level must be 1..19, was " + level);
        }
        if (sampleBytes < 1024 || sampleBytes > 16 << 20) {
            throw new IllegalArgumentException("sampleBytes must be 1 KiB..16 MiB, was " + sampleBytes);
        }
        if (!(minRatio >= 1.0) || Double.isInfinite(minRatio)) {
            throw new IllegalArgumentException("minRatio must be >= 1.0, was " + minRatio);
        }
        if (minSizeBytes < 0) {
            throw new IllegalArgumentException("minSizeBytes must be >= 0, was " + minSizeBytes);
        }
    }

    /**
     * Level 1, a 64 KiB probe, compress when it shrinks to 80% or less, files of 512 bytes and more. Level 1, not
     * zstd's usual 3: on JSON logs it measured 2.6x faster per CPU-second here with no worse a ratio
     * (docs/benchmarks/storage.md), and ingest speed is what uploads wait for.
     */
    public static CompressionPolicy ofDefaults() {
        return new CompressionPolicy(true, 1, 64 * 1024, 1.25, 512);
    }

    public static CompressionPolicy disabled() {
        return new CompressionPolicy(false, 1, 64 * 1024, 1.25, 512);
    }

    public CompressionPolicy withLevel(int newLevel) {
        return new CompressionPolicy(enabled, newLevel, sampleBytes, minRatio, minSizeBytes);
    }

    public CompressionPolicy withMinRatio(double ratio) {
        return new CompressionPolicy(enabled, level, sampleBytes, ratio, minSizeBytes);
    }
}
