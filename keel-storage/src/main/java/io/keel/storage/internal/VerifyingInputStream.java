package io.keel.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.LongConsumer;

import com.github.luben.zstd.ZstdIOException;

import io.keel.storage.IntegrityException;

/**
 * Delivers a blob's original bytes while re-hashing them, and refuses to finish wrongly.
 *
 * <p>The choice: reads are capped at the recorded size, and the read that would deliver the last bytes first
 * checks that the source ends there and that the SHA-256 matches — only then are those bytes returned. So
 * the final chunk of wrong content is withheld and {@link IntegrityException} thrown instead; truncated,
 * extended or undecodable content fails the same way. A consumer can have received earlier chunks of wrong
 * content, but never all of it and never a clean end-of-stream (an HTTP download is aborted, not completed).
 */
final class VerifyingInputStream extends InputStream {

    private final InputStream in;
    private final String sha256;
    private final byte[] expectedDigest;
    private final long expectedSize;
    private final MessageDigest digest = Sha256.newDigest();
    private final Runnable onIntegrityFailure;
    private final LongConsumer onClose;
    private long delivered;
    private boolean verified;
    private IntegrityException failure;

    VerifyingInputStream(InputStream in, String sha256, long expectedSize, Runnable onIntegrityFailure,
                         LongConsumer onClose) {
        this.in = in;
        this.sha256 = sha256;
        this.expectedDigest = HexFormat.of().parseHex(sha256);
        this.expectedSize = expectedSize;
        this.onIntegrityFailure = onIntegrityFailure;
        this.onClose = onClose;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (verified) {
            return -1;
        }
        long remaining = expectedSize - delivered;
        if (remaining == 0) {
            verifyEnd();
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = source(() -> in.read(b, off, (int) Math.min(len, remaining)));
        if (n < 0) {
            throw fail("content ends after " + delivered + " of " + expectedSize + " bytes");
        }
        digest.update(b, off, n);
        delivered += n;
        if (delivered == expectedSize) {
            verifyEnd();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed, or the end check would be meaningless.
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return verified ? 0 : (int) Math.min(in.available(), expectedSize - delivered);
    }

    @Override
    public void close() throws IOException {
        onClose.accept(delivered);
        in.close();
    }

    private void verifyEnd() throws IOException {
        if (source(in::read) != -1) {
            throw fail("content continues past its recorded size of " + expectedSize + " bytes");
        }
        if (!Arrays.equals(digest.digest(), expectedDigest)) {
            throw fail("content no longer matches its SHA-256");
        }
        verified = true;
    }

    private interface Read {
        int get() throws IOException;
    }

    /** A stored frame that zstd cannot decode is corruption, not an ordinary I/O error. */
    private int source(Read read) throws IOException {
        try {
            return read.get();
        } catch (ZstdIOException e) {
            throw fail("compressed content cannot be decoded (" + e.getMessage() + ")");
        }
    }

    private IntegrityException fail(String message) {
        if (failure == null) {
            onIntegrityFailure.run();
            failure = new IntegrityException(sha256, message + "; the read is refused");
        }
        return failure;
    }
}
