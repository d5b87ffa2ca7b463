package io.jetring.client.internal;

import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import io.jetring.api.RequestBody;
import java.io.InputStream;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A request body that an in-process handler reads from a publisher, in any of the three ways a server
 * offers, with the server's default aggregation limit.
 */
final class PublisherRequestBody extends RequestBody {
    /** The limit a server applies by default ({@code ServerOptions.maxBodySize}). */
    static final DataSize SERVER_DEFAULT_LIMIT = DataSize.ofMebibytes(10);

    private final Flow.Publisher<byte[]> publisher;
    private final long length;

    PublisherRequestBody(Flow.Publisher<byte[]> publisher, long length) {
        super(SERVER_DEFAULT_LIMIT);
        this.publisher = publisher;
        this.length = length;
    }

    @Override
    public OptionalLong contentLength() {
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    @Override
    protected InputStream openInputStream() {
        return new PublisherInputStream(publisher);
    }

    @Override
    protected Flow.Publisher<byte[]> openPublisher() {
        return publisher;
    }

    @Override
    protected CompletionStage<byte[]> readAll(DataSize limit) {
        return PublisherAggregator.aggregate(publisher, limit, length, () -> new BodyTooLargeException(limit));
    }

    /** Releases what the handler left unread (an open stream, a publisher never subscribed to). */
    void releaseUnread() {
        if (!isConsumed()) {
            try {
                Publishing.cancelUnread(publisher());
            } catch (IllegalStateException readMeanwhile) {
                // The handler took it after all: it is the handler's to finish.
            }
        }
    }

    @Override
    public String toString() {
        return "RequestBody[" + (length < 0 ? "length unknown" : length + " bytes") + ", in process]";
    }
}
