package io.keel.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.function.UnaryOperator;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

import io.keel.storage.CompressionPolicy;
import io.keel.storage.FileTooLargeException;
import io.keel.storage.IngestCancelledException;
import io.keel.storage.IngestOptions;
import io.keel.storage.StorageFullException;

/**
 * Streams one content into a temporary file: hashes the original bytes as they pass, enforces the size limit,
 * reports progress, honours cancellation, compresses when the first sample compresses well, and fsyncs.
 * Memory per ingest is the sample plus one chunk (plus zstd's window when compressing), whatever the size.
 *
 * <p>On any failure the temporary file is deleted before the exception leaves, so an ingest either produces a
 * complete durable {@link TempBlob} or nothing (a crash leaves a file in {@code tmp/} that recovery removes).
 */
final class Ingestor {

    static final int CHUNK = 128 * 1024;

    private final BlobLayout layout;
    private final CompressionPolicy policy;
    private final CompressionProbe probe;
    private final UnaryOperator<OutputStream> sinkDecorator;

    Ingestor(BlobLayout layout, CompressionPolicy policy, UnaryOperator<OutputStream> sinkDecorator) {
        this.layout = layout;
        this.policy = policy;
        this.probe = new CompressionProbe(policy);
        this.sinkDecorator = sinkDecorator;
    }

    TempBlob ingest(InputStream content, IngestOptions options) throws IOException {
        Path temp;
        try {
            temp = layout.newTempFile("ingest-");
        } catch (IOException e) {
            throw translate(e, options, 0);
        }
        Source source = new Source(content, options);
        boolean complete = false;
        OutputStream compressor = null;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            byte[] sample = new byte[policy.enabled() ? policy.sampleBytes() : CHUNK];
            int sampleLength = source.fill(sample);
            boolean whole = sampleLength < sample.length;
            boolean compress = probe.worthCompressing(sample, sampleLength, whole);
            OutputStream sink = sinkDecorator.apply(new ChannelOutput(channel));
            if (compress) {
                compressor = new ZstdOutputStreamNoFinalizer(sink, policy.level());
                sink = compressor;
            }
            sink.write(sample, 0, sampleLength);
            if (!whole) {
                byte[] chunk = new byte[CHUNK];
                int n;
                while ((n = source.read(chunk)) > 0) {
                    sink.write(chunk, 0, n);
                }
            }
            compressor = null;
            sink.close();
            channel.force(true);
            TempBlob blob = new TempBlob(temp, Sha256.hex(source.digest), source.total, channel.size(), compress);
            complete = true;
            return blob;
        } catch (IOException e) {
            throw translate(e, options, source.total);
        } finally {
            if (compressor != null) {
                closeQuietly(compressor);
            }
            if (!complete) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Frees zstd's native context after a failure; the half-written frame goes with the temp file. */
    private static void closeQuietly(OutputStream compressor) {
        try {
            compressor.close();
        } catch (IOException | RuntimeException ignored) {
            // The ingest already failed with the error that matters.
        }
    }

    private static IOException translate(IOException e, IngestOptions options, long bytesRead) {
        if (e instanceof FileTooLargeException || e instanceof IngestCancelledException) {
            return e;
        }
        if (DiskFull.is(e)) {
            return new StorageFullException("no space left on the device while storing '" + options.name()
                    + "' after " + bytesRead + " bytes; nothing was stored", e);
        }
        if (e instanceof ClosedByInterruptException || e instanceof InterruptedIOException) {
            return new IngestCancelledException(options.name(), bytesRead);
        }
        return e;
    }

    /** The caller's stream, counted, hashed, limited, reported and cancellable, chunk by chunk. */
    private static final class Source {

        private final InputStream in;
        private final IngestOptions options;
        private final MessageDigest digest = Sha256.newDigest();
        private long total;
        private boolean eof;

        Source(InputStream in, IngestOptions options) {
            this.in = in;
            this.options = options;
        }

        /** Reads until the buffer is full or the stream ends; returns the bytes read. */
        int fill(byte[] buffer) throws IOException {
            int filled = 0;
            while (filled < buffer.length) {
                int n = read(buffer, filled, buffer.length - filled);
                if (n <= 0) {
                    break;
                }
                filled += n;
            }
            return filled;
        }

        int read(byte[] buffer) throws IOException {
            return read(buffer, 0, buffer.length);
        }

        private int read(byte[] buffer, int offset, int length) throws IOException {
            if (eof) {
                return -1;
            }
            checkCancelled();
            // Never read more than one byte past the limit: an oversize stream is cut off, not drained.
            long allowed = options.maxBytes() - total + 1;
            int n = in.read(buffer, offset, (int) Math.min(length, allowed));
            if (n < 0) {
                eof = true;
                return -1;
            }
            total += n;
            if (total > options.maxBytes()) {
                throw new FileTooLargeException(options.name(), options.maxBytes());
            }
            digest.update(buffer, offset, n);
            options.progress().accept(total);
            return n;
        }

        private void checkCancelled() throws IngestCancelledException {
            if (Thread.currentThread().isInterrupted() || options.cancelled().getAsBoolean()) {
                throw new IngestCancelledException(options.name(), total);
            }
        }
    }
}
