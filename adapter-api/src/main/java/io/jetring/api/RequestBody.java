package io.jetring.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The body of a request, read once in one of three ways:
 * <ul>
 *   <li>{@link #inputStream()}: blocking reads; for handlers that run on a worker thread;</li>
 *   <li>{@link #publisher()}: a backpressured {@link Flow.Publisher} of chunks; bytes are read from
 *       the network only as the subscriber requests them;</li>
 *   <li>{@link #bytes()}: the whole body in memory, under a size limit
 *       ({@link BodyTooLargeException}, which the server answers with 413).</li>
 * </ul>
 * A second read, in any of the three ways, throws {@link IllegalStateException} naming the first.
 * Adapters extend this class; {@link #of(byte[])} serves tests and in-memory use.
 */
public abstract class RequestBody {
    private final AtomicReference<String> consumedAs = new AtomicReference<>();
    private final DataSize defaultLimit;

    /** Creates a body whose {@link #bytes()} limit is {@code defaultLimit}. */
    protected RequestBody(DataSize defaultLimit) {
        this.defaultLimit = Objects.requireNonNull(defaultLimit, "defaultLimit");
    }

    /** An empty body. */
    public static RequestBody empty() {
        return of(new byte[0]);
    }

    /** A body of these bytes (not copied), with no size limit beyond the array's. */
    public static RequestBody of(byte[] bytes) {
        return new InMemory(bytes);
    }

    /** A body of this text in UTF-8. */
    public static RequestBody of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The length announced by the sender, if it announced one. */
    public abstract OptionalLong contentLength();

    /** The limit that {@link #bytes()} applies. */
    public final DataSize defaultLimit() {
        return defaultLimit;
    }

    /** Whether the body has been taken by one of the read methods. */
    public final boolean isConsumed() {
        return consumedAs.get() != null;
    }

    /** The body as a blocking stream. Blocks the calling thread: not for async handlers. */
    public final InputStream inputStream() {
        claim("inputStream()");
        return openInputStream();
    }

    /** The body as a backpressured publisher of chunks; one subscriber only. */
    public final Flow.Publisher<byte[]> publisher() {
        claim("publisher()");
        return openPublisher();
    }

    /** The whole body, read without blocking, under {@link #defaultLimit()}. */
    public final CompletionStage<byte[]> bytes() {
        return bytes(defaultLimit);
    }

    /** The whole body, read without blocking; fails with {@link BodyTooLargeException} past {@code limit}. */
    public final CompletionStage<byte[]> bytes(DataSize limit) {
        Objects.requireNonNull(limit, "limit");
        claim("bytes()");
        OptionalLong length = contentLength();
        if (length.isPresent() && length.getAsLong() > limit.bytes()) {
            return CompletableFuture.failedFuture(new BodyTooLargeException(limit));
        }
        return readAll(limit);
    }

    /**
     * The whole body under {@link #defaultLimit()}, blocking until it has arrived: for handlers that
     * run on a worker thread.
     *
     * @throws BodyTooLargeException if the body is larger than the limit
     * @throws IOException if reading fails
     */
    public final byte[] readAllBytes() throws IOException {
        try {
            return bytes().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the request body");
        } catch (ExecutionException | CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
    }

    /** Opens the blocking stream; called at most once. */
    protected abstract InputStream openInputStream();

    /** Opens the publisher; called at most once. */
    protected abstract Flow.Publisher<byte[]> openPublisher();

    /** Reads everything, failing with {@link BodyTooLargeException} past {@code limit}; called at most once. */
    protected abstract CompletionStage<byte[]> readAll(DataSize limit);

    private void claim(String how) {
        String previous = consumedAs.compareAndExchange(null, how);
        if (previous != null) {
            throw new IllegalStateException("request body: already read with " + previous
                    + " (expected: one read of the body; keep the bytes if you need them twice)");
        }
    }

    private static final class InMemory extends RequestBody {
        private final byte[] bytes;

        InMemory(byte[] bytes) {
            super(DataSize.ofBytes(Integer.MAX_VALUE));
            this.bytes = Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public OptionalLong contentLength() {
            return OptionalLong.of(bytes.length);
        }

        @Override
        protected InputStream openInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        protected Flow.Publisher<byte[]> openPublisher() {
            return bytes.length == 0 ? Publishers.empty() : Publishers.of(bytes);
        }

        @Override
        protected CompletionStage<byte[]> readAll(DataSize limit) {
            return CompletableFuture.completedFuture(bytes);
        }

        @Override
        public String toString() {
            return "RequestBody[" + bytes.length + " bytes]";
        }
    }
}
