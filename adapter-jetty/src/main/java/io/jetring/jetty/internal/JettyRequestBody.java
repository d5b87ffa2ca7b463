package io.jetring.jetty.internal;

import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import io.jetring.api.RequestBody;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.Content;

/** A request body read from a Jetty {@link Content.Source}, never buffered beyond what is asked. */
final class JettyRequestBody extends RequestBody {
    /** The first buffer of an aggregation: never the announced length, which costs the client nothing to send. */
    private static final int INITIAL_BUFFER = 16 * 1024;

    private final Content.Source source;
    private final long length;
    private final BooleanSupplier idleTimeoutIsFatal;

    /**
     * A body read from {@code source}; {@code idleTimeoutIsFatal} tells whether an idle timeout during
     * a read ends it (otherwise the read waits on: an async stage is pending or the server drains).
     */
    JettyRequestBody(Content.Source source, DataSize defaultLimit, BooleanSupplier idleTimeoutIsFatal) {
        super(defaultLimit);
        this.source = source;
        this.length = source.getLength();
        this.idleTimeoutIsFatal = idleTimeoutIsFatal;
    }

    @Override
    public OptionalLong contentLength() {
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    @Override
    protected InputStream openInputStream() {
        return Content.Source.asInputStream(source);
    }

    @Override
    protected Flow.Publisher<byte[]> openPublisher() {
        return new SourcePublisher(source, idleTimeoutIsFatal);
    }

    @Override
    protected CompletionStage<byte[]> readAll(DataSize limit) {
        Aggregator aggregator = new Aggregator(source, limit, length, idleTimeoutIsFatal);
        aggregator.run();
        return aggregator.result;
    }

    @Override
    public String toString() {
        return "RequestBody[" + (length < 0 ? "length unknown" : length + " bytes") + "]";
    }

    /** Reads chunks as they arrive into one array; fails as soon as the limit is passed. */
    private static final class Aggregator implements Runnable {
        private final Content.Source source;
        private final BooleanSupplier idleTimeoutIsFatal;
        private final long limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final DataSize limitSize;
        private byte[] buffer;
        private int size;

        Aggregator(Content.Source source, DataSize limit, long length, BooleanSupplier idleTimeoutIsFatal) {
            this.source = source;
            this.idleTimeoutIsFatal = idleTimeoutIsFatal;
            this.limitSize = limit;
            this.limit = limit.bytes();
            long expected = length < 0 ? 1024 : length;
            this.buffer = new byte[(int) Math.max(0, Math.min(Math.min(expected, INITIAL_BUFFER), this.limit))];
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = source.read();
                if (chunk == null) {
                    source.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    if (!chunk.isLast() && !idleTimeoutIsFatal.getAsBoolean()) {
                        continue; // a transient idle timeout that does not apply now: read on
                    }
                    result.completeExceptionally(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = bytes.remaining();
                boolean last = chunk.isLast();
                if (size + (long) n > limit) {
                    chunk.release();
                    result.completeExceptionally(new BodyTooLargeException(limitSize));
                    return;
                }
                if (size + n > buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(size + n, buffer.length * 2L)));
                }
                bytes.get(buffer, size, n);
                size += n;
                chunk.release();
                if (last) {
                    result.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
                    return;
                }
            }
        }
    }
}
