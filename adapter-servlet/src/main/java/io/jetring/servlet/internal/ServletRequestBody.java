package io.jetring.servlet.internal;

import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import io.jetring.api.RequestBody;
import io.jetring.flow.BoundedAggregator;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A request body over the servlet input stream. A sync handler's publisher and aggregation read
 * with blocking reads on the calling thread (see {@link BlockingBodyPublisher}); an async handler's
 * are fed by a {@code ReadListener} and never block.
 */
final class ServletRequestBody extends RequestBody {
    private final HttpServletRequest request;
    private final boolean nonBlocking;
    private final long length;
    private volatile BodyPublisher publisher;

    ServletRequestBody(HttpServletRequest request, DataSize defaultLimit, boolean nonBlocking) {
        super(defaultLimit);
        this.request = request;
        this.nonBlocking = nonBlocking;
        this.length = request.getContentLengthLong();
    }

    @Override
    public OptionalLong contentLength() {
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    @Override
    protected InputStream openInputStream() {
        try {
            return request.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Flow.Publisher<byte[]> openPublisher() {
        BodyPublisher p = nonBlocking ? new ListenerBodyPublisher(request) : new BlockingBodyPublisher(request);
        publisher = p;
        return p;
    }

    @Override
    protected CompletionStage<byte[]> readAll(DataSize limit) {
        BoundedAggregator aggregator = new BoundedAggregator(limit.bytes(), length, () -> new BodyTooLargeException(limit));
        openPublisher().subscribe(aggregator);
        return aggregator.result();
    }

    /** The exchange is over: a subscriber still waiting for the body gets {@code onError}, not silence. */
    void abandon(Throwable why) {
        BodyPublisher p = publisher;
        if (p != null) {
            p.fail(why);
        }
    }

    @Override
    public String toString() {
        return "RequestBody[" + (length < 0 ? "length unknown" : length + " bytes") + "]";
    }
}
