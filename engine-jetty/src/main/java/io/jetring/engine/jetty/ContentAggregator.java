package io.jetring.engine.jetty;

import io.jetring.flow.BoundedBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads a Jetty {@link Content.Source} into one array under a limit, without blocking: a read loop
 * that asks Jetty for more ({@code demand}) when nothing is ready. Every chunk is released as soon as
 * it is copied; the first array follows an announced length only up to
 * {@link BoundedBuffer#FIRST_BUFFER_CAP}. Past the limit it stops reading at once and fails with the
 * caller's {@code tooLarge}. For jetring's engines, not applications.
 */
public final class ContentAggregator implements Runnable {
    private final Content.Source source;
    private final BoundedBuffer buffer;
    private final Supplier<? extends Throwable> tooLarge;
    private final BooleanSupplier transientFailureIsFatal;
    private final Runnable demandCallback;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();

    private ContentAggregator(Content.Source source, BoundedBuffer buffer, Supplier<? extends Throwable> tooLarge,
                              BooleanSupplier transientFailureIsFatal, Invocable.InvocationType callbackType) {
        this.source = source;
        this.buffer = buffer;
        this.tooLarge = tooLarge;
        this.transientFailureIsFatal = transientFailureIsFatal;
        this.demandCallback = Invocable.from(callbackType, this);
    }

    /**
     * The whole body of {@code source}, or a failure: the source's, or {@code tooLarge}'s past
     * {@code limit} bytes. A transient failure chunk ({@code !isLast()}) ends it only if
     * {@code transientFailureIsFatal} says so at that moment; otherwise reading goes on. Jetty calls
     * the loop back as {@code callbackType} says: {@code NON_BLOCKING} runs it, and whatever the
     * result's dependents do, on Jetty's I/O thread.
     */
    public static CompletableFuture<byte[]> aggregate(Content.Source source, long limit, Supplier<? extends Throwable> tooLarge,
                                                      BooleanSupplier transientFailureIsFatal,
                                                      Invocable.InvocationType callbackType) {
        ContentAggregator aggregator = new ContentAggregator(source, new BoundedBuffer(limit, source.getLength()),
                tooLarge, transientFailureIsFatal, callbackType);
        aggregator.run();
        return aggregator.result;
    }

    /** Reads the whole body of {@code source} and drops it; completes with an empty array, or the failure. */
    public static CompletableFuture<byte[]> discard(Content.Source source, Invocable.InvocationType callbackType) {
        ContentAggregator aggregator = new ContentAggregator(source, null, null, () -> true, callbackType);
        aggregator.run();
        return aggregator.result;
    }

    /** The read loop: reads what is ready, then asks to be called back. */
    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(demandCallback);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                if (!chunk.isLast() && !transientFailureIsFatal.getAsBoolean()) {
                    continue; // a transient failure (an idle timeout) that does not apply now: read on
                }
                result.completeExceptionally(chunk.getFailure());
                return;
            }
            boolean fits = buffer == null || buffer.append(chunk.getByteBuffer());
            boolean last = chunk.isLast();
            chunk.release();
            if (!fits) {
                result.completeExceptionally(tooLarge.get());
                return;
            }
            if (last) {
                result.complete(buffer == null ? new byte[0] : buffer.toByteArray());
                return;
            }
        }
    }
}
