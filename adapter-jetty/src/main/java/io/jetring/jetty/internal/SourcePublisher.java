package io.jetring.jetty.internal;

import io.jetring.engine.jetty.ContentPublisher;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.Content;

/**
 * The request body as a publisher: a {@link ContentPublisher} over the request's
 * {@link Content.Source} (one chunk read ahead, an empty or failed body signalled without demand),
 * where an idle timeout while reading ends the body only if {@code idleTimeoutIsFatal} says so then.
 */
final class SourcePublisher extends ContentPublisher {
    private final BooleanSupplier idleTimeoutIsFatal;

    SourcePublisher(Content.Source source, BooleanSupplier idleTimeoutIsFatal) {
        super("request body publisher", source);
        this.idleTimeoutIsFatal = idleTimeoutIsFatal;
    }

    @Override
    protected Throwable failure(Content.Chunk chunk) {
        if (!chunk.isLast() && !idleTimeoutIsFatal.getAsBoolean()) {
            return null; // a transient idle timeout that does not apply now: read on
        }
        return chunk.getFailure();
    }
}
