package io.jetring.rpc;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers inbound requests, on the server and on the client alike. The stage completes with the
 * reply's bytes, or empty for no reply; build one from small steps with {@link Pipeline}.
 *
 * <p>It comes in two forms, and the connection knows which before the first request arrives, as
 * the server knows a {@code RingHandler}'s:
 * <ul>
 *   <li><b>non-blocking</b>, the default (a lambda {@code request -> stage}, or a {@link Pipeline}):
 *       {@code handle} is called on the thread that read the request, with no hand-off, and must
 *       not block; slow work belongs in the stage ({@link Stages#mapAsync}, {@link Stages#mapOn}).
 *       While it runs, the connection reads nothing.</li>
 *   <li><b>blocking</b>, built with {@link #blocking(Blocking)} or {@link Pipeline#blocking()}:
 *       {@code handle} is called on the connection's blocking executor
 *       ({@link RpcOptions#blockingExecutor()}: the server's worker pool or virtual threads), and
 *       may block; the connection keeps reading meanwhile.</li>
 * </ul>
 *
 * <p>The rules for both (in full in {@code docs/rpc-protocol.md}):
 * <ul>
 *   <li>Up to {@code maxConcurrentRequests} requests of one connection are handled at once.</li>
 *   <li>For a request with an id, the peer gets exactly one answer: the reply; the error reply
 *       {@code no reply} if the stage completed empty; an error reply with the message of
 *       {@link RpcOptions#errorMessages()} if {@code handle} threw or the stage failed ({@code internal
 *       error} unless it is an {@link RpcErrorException}); {@code handler timed out} after the
 *       {@link RpcOptions#handlerTimeout()}. None if the peer cancelled it or the connection closed.</li>
 *   <li>For a fire-and-forget request the result is dropped; a failure is logged.</li>
 * </ul>
 */
@FunctionalInterface
public interface RpcHandler {

    /** Handles {@code request}; the stage's value is the reply, empty for none. */
    CompletionStage<Optional<byte[]>> handle(RpcRequest request) throws Exception;

    /**
     * Whether {@link #handle} may block, and so runs on the blocking executor; fixed for the
     * handler's life. False unless the handler was built as blocking.
     */
    default boolean isBlocking() {
        return false;
    }

    /** Replies to every request with its own payload. */
    static RpcHandler echo() {
        return request -> CompletableFuture.completedFuture(Optional.of(request.payload()));
    }

    /**
     * Takes no requests: every request with an id is answered with the error reply {@code message};
     * fire-and-forget requests are dropped. For a side that only calls.
     */
    static RpcHandler refuse(String message) {
        RpcErrorException refusal = new RpcErrorException(message);
        return request -> CompletableFuture.failedFuture(refusal);
    }

    /**
     * A handler in the blocking form from a function that returns the reply (empty for none) and may
     * block while it computes it: JDBC, a file, a blocking client. It runs on the blocking executor.
     */
    static RpcHandler blocking(Blocking handler) {
        Objects.requireNonNull(handler, "handler");
        return new RpcHandler() {
            @Override
            public CompletionStage<Optional<byte[]>> handle(RpcRequest request) throws Exception {
                return CompletableFuture.completedFuture(handler.handle(request));
            }

            @Override
            public boolean isBlocking() {
                return true;
            }

            @Override
            public String toString() {
                return "RpcHandler.blocking(" + handler + ")";
            }
        };
    }

    /** The function behind a blocking handler: returns the reply, and may block to compute it. */
    @FunctionalInterface
    interface Blocking {
        /** Handles {@code request}; the value is the reply, empty for none. */
        Optional<byte[]> handle(RpcRequest request) throws Exception;
    }
}
