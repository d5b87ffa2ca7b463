package io.jetring.engine.jetty;

import io.jetring.flow.PullPublisher;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.eclipse.jetty.io.Content;

/**
 * A {@link Flow.Publisher} of byte arrays over a Jetty {@link Content.Source}: the body of a
 * {@code JetServer} request and of a client response. For jetring's engines, not applications.
 *
 * <p>It reads at most one chunk ahead of the subscriber's demand, so a slow subscriber stops the
 * network reads (TCP and HTTP/2 flow control push back on the peer), yet a failure or the end of the
 * body is signalled without waiting for demand (Reactive Streams rule 1.4): an empty body completes
 * at once. Each chunk is copied into a fresh array, which the subscriber may keep, and released at
 * once. Everything else (demand, rule 3.9, one subscriber, cancel) is {@link PullPublisher}'s.
 *
 * <p>Jetty 12's own {@code Content.Source.asPublisher} does not fit: it publishes {@code Chunk}s
 * the subscriber must release, and reads only on demand, so an empty or failed body waits for a
 * request.
 */
public class ContentPublisher extends PullPublisher<byte[]> {
    private final Content.Source source;
    private final Runnable onContentAvailable = this::contentAvailable;
    private volatile boolean awaitingContent;

    /** A publisher of {@code source}, named {@code name} in its failures ("request body", …). */
    public ContentPublisher(String name, Content.Source source) {
        super(name, true);
        this.source = source;
    }

    /**
     * What a failure chunk ends the body with: by default its failure; {@code null} to read on (a
     * transient failure, {@code !chunk.isLast()}, such as an idle timeout that does not apply now).
     */
    protected Throwable failure(Content.Chunk chunk) {
        return chunk.getFailure();
    }

    @Override
    protected final byte[] poll() {
        while (!awaitingContent) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                awaitingContent = true;
                source.demand(onContentAvailable);
                return null;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = failure(chunk);
                if (failure == null) {
                    continue;
                }
                fail(failure);
                return null;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            boolean last = chunk.isLast();
            byte[] bytes = null;
            if (buffer.hasRemaining()) {
                bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
            }
            chunk.release();
            if (last) {
                complete();
            }
            if (bytes != null || last) {
                return bytes;
            }
        }
        return null;
    }

    private void contentAvailable() {
        awaitingContent = false;
        drain();
    }
}
