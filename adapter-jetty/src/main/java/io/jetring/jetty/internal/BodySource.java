package io.jetring.jetty.internal;

import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.Content;

/**
 * The request's content as its body reads it, for one {@link Exchange}: tells the readers whether an
 * idle timeout ends a read ({@link #getAsBoolean}), and tells the exchange when one did, so that the
 * client too slow to send its body gets 408 and a handler's own timeout does not.
 */
final class BodySource implements Content.Source, BooleanSupplier {
    private final Content.Source source;
    private final Exchange exchange;

    BodySource(Content.Source source, Exchange exchange) {
        this.source = source;
        this.exchange = exchange;
    }

    /** Whether an idle timeout during a read ends it (see {@link Exchange#idleTimeoutIsFatal}). */
    @Override
    public boolean getAsBoolean() {
        return exchange.idleTimeoutIsFatal();
    }

    @Override
    public Content.Chunk read() {
        Content.Chunk chunk = source.read();
        if (chunk != null && chunk.getFailure() instanceof TimeoutException idle) {
            exchange.readTimedOut(idle);
        }
        return chunk;
    }

    @Override
    public long getLength() {
        return source.getLength();
    }

    @Override
    public void demand(Runnable demandCallback) {
        source.demand(demandCallback);
    }

    @Override
    public void fail(Throwable failure) {
        source.fail(failure);
    }

    @Override
    public void fail(Throwable failure, boolean last) {
        source.fail(failure, last);
    }

    @Override
    public boolean rewind() {
        return source.rewind();
    }
}
