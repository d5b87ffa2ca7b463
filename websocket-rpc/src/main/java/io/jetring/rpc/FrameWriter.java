package io.jetring.rpc;

import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketOverflowException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Writes frames to the WebSocket. Calls are sent at once and fail when the outbound queue is full
 * ({@link #send}); answers are never lost to a full queue ({@link #sendAnswer}): one that does not fit
 * waits here until an earlier write completes. Their number is bounded, because every waiting answer
 * holds one of the connection's inbound slots, and no request is read while all slots are taken.
 *
 * <p>A write that the WebSocket completes at once costs nothing beyond the write: no callback is
 * registered for it.
 */
final class FrameWriter {
    private static final Duration RETRY_DELAY = Duration.ofMillis(10);

    private final WebSocket ws;
    private final RpcTimer timer;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger writing = new AtomicInteger();
    private final BiConsumer<Void, Throwable> written = (ok, failure) -> written();

    /** Told once an answer has been written, or could not be (the WebSocket closed). */
    @FunctionalInterface
    interface Written {
        /** The answer is written ({@code failure} null) or lost with the connection. */
        void written(Throwable failure);
    }

    private record Waiting(byte[] frame, Written done) {
    }

    FrameWriter(WebSocket ws, RpcTimer timer) {
        this.ws = ws;
        this.timer = timer;
    }

    /** Writes {@code frame}; the stage fails as the WebSocket's send does. */
    CompletionStage<Void> send(byte[] frame) {
        writing.incrementAndGet();
        CompletionStage<Void> sent;
        try {
            sent = ws.sendBinary(frame);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        if (isDone(sent)) {
            written();
        } else {
            sent.whenComplete(written);
        }
        return sent;
    }

    /** Writes an answer, waiting for room if the outbound queue is full; fails only if the WebSocket closes. */
    void sendAnswer(byte[] frame, Written done) {
        CompletionStage<Void> sent = send(frame);
        if (isDone(sent) && !((CompletableFuture<Void>) sent).isCompletedExceptionally()) {
            done.written(null);
            return;
        }
        sent.whenComplete((ok, failure) -> afterAttempt(new Waiting(frame, done), failure));
    }

    private void attempt(Waiting answer) {
        send(answer.frame).whenComplete((ok, failure) -> afterAttempt(answer, failure));
    }

    private void afterAttempt(Waiting answer, Throwable failure) {
        if (failure == null) {
            answer.done.written(null);
        } else if (unwrap(failure) instanceof WebSocketOverflowException) {
            waiting.add(answer);
            // No write of ours left to wake it (the queue is full of someone else's bytes): poll.
            if (writing.get() == 0) {
                timer.schedule(RETRY_DELAY, this::retryOne);
            }
        } else {
            answer.done.written(failure);
        }
    }

    private void written() {
        writing.decrementAndGet();
        retryOne();
    }

    private void retryOne() {
        if (waiting.isEmpty()) {
            return;
        }
        Waiting next = waiting.poll();
        if (next != null) {
            attempt(next);
        }
    }

    private static boolean isDone(CompletionStage<Void> stage) {
        return stage instanceof CompletableFuture<Void> future && future.isDone();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
