package io.jetring.jetty.internal;

import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import io.jetring.api.RequestBody;
import io.jetring.engine.jetty.ContentAggregator;
import java.io.InputStream;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * A request body read from a Jetty {@link Content.Source}, never buffered beyond what is asked: streamed
 * by a {@link SourcePublisher}, aggregated by a {@link ContentAggregator} (whose first buffer never
 * follows the announced length, which costs the client nothing to send, beyond 16 KiB).
 */
final class JettyRequestBody extends RequestBody {
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
        return ContentAggregator.aggregate(source, limit.bytes(), () -> new BodyTooLargeException(limit),
                idleTimeoutIsFatal, Invocable.InvocationType.BLOCKING);
    }

    @Override
    public String toString() {
        return "RequestBody[" + (length < 0 ? "length unknown" : length + " bytes") + "]";
    }
}
