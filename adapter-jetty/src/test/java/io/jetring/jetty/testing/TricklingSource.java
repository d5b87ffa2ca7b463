package io.jetring.jetty.testing;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.Content;

/**
 * A Jetty {@link Content.Source} for publisher tests (the Reactive Streams TCK): {@code elements}
 * one-byte chunks ({@link Long#MAX_VALUE}: without end), then the end or {@code failure}. Every
 * other read finds nothing yet, and the demand callback runs on {@code network}, as the network's does.
 */
public final class TricklingSource implements Content.Source {
    private final Executor network;
    private final Throwable failure;
    private long left;
    private boolean nothingYet;

    /** A source of {@code elements} chunks, then the end, or {@code failure} if not null. */
    public TricklingSource(long elements, Throwable failure, Executor network) {
        this.left = elements;
        this.failure = failure;
        this.network = network;
    }

    @Override
    public synchronized Content.Chunk read() {
        nothingYet = !nothingYet;
        if (nothingYet) {
            return null;
        }
        if (left == 0) {
            return failure == null ? Content.Chunk.EOF : Content.Chunk.from(failure, true);
        }
        if (left != Long.MAX_VALUE) {
            left--;
        }
        return Content.Chunk.from(ByteBuffer.wrap(new byte[] {1}), false);
    }

    @Override
    public void demand(Runnable demandCallback) {
        network.execute(demandCallback);
    }

    @Override
    public void fail(Throwable failure) {
    }
}
