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

/**
 * Writes frames to the WebSocket. Calls are sent at once and fail when the outbound queue is full
 * ({@link #send}); answers are never lost to a full queue ({@link #sendAnswer}): one that does not fit
 * waits here until an earlier write completes. Their number is bounded, because every waiting answer
 * holds one of the connection's inbound slots, and no request is read while all slots are taken.
 */
final class FrameWriter {
    private static final Duration RETRY_DELAY = Duration.ofMillis(10);

    private final WebSocket ws;
    private final RpcTimer timer;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger writing = new AtomicInteger();

    private record Waiting(byte[] frame, CompletableFuture<Void> done) {
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
        sent.whenComplete((ok, failure) -> {
            writing.decrementAndGet();
            retryOne();
        });
        return sent;
    }

    /** Writes an answer, waiting for room if the outbound queue is full; fails only if the WebSocket closes. */
    CompletionStage<Void> sendAnswer(byte[] frame) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(new Waiting(frame, done));
        return done;
    }

    private void attempt(Waiting answer) {
        send(answer.frame).whenComplete((ok, failure) -> {
            if (failure == null) {
                answer.done.complete(null);
            } else if (unwrap(failure) instanceof WebSocketOverflowException) {
                waiting.add(answer);
                // No write of ours left to wake it (the queue is full of someone else's bytes): poll.
                if (writing.get() == 0) {
                    timer.schedule(RETRY_DELAY, this::retryOne);
                }
            } else {
                answer.done.completeExceptionally(failure);
            }
        });
    }

    private void retryOne() {
        Waiting next = waiting.poll();
        if (next != null) {
            attempt(next);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
