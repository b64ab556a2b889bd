package io.keel.storage.internal;

import com.github.luben.zstd.Zstd;

import io.keel.storage.CompressionPolicy;

/** Decides from a sample whether content is worth compressing. */
final class CompressionProbe {

    private final CompressionPolicy policy;

    CompressionProbe(CompressionPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param sampleLength bytes in the sample
     * @param wholeContent true when the sample is all of the content (so its size is known)
     */
    boolean worthCompressing(byte[] sample, int sampleLength, boolean wholeContent) {
        if (!policy.enabled() || sampleLength == 0) {
            return false;
        }
        if (wholeContent && sampleLength < policy.minSizeBytes()) {
            return false;
        }
        return ratio(sample, sampleLength) >= policy.minRatio();
    }

    double ratio(byte[] sample, int sampleLength) {
        byte[] out = new byte[(int) Zstd.compressBound(sampleLength)];
        long size = Zstd.compressByteArray(out, 0, out.length, sample, 0, sampleLength, policy.level());
        if (Zstd.isError(size) || size == 0) {
            return 1.0;
        }
        return (double) sampleLength / size;
    }
}
