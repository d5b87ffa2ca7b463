package io.jetring.rpc;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers inbound requests, on the server and on the client alike. The stage completes with the
 * reply's bytes, or empty for no reply; build one from small steps with {@link Pipeline}.
 *
 * <p>The rules (in full in {@code docs/rpc-protocol.md}):
 * <ul>
 *   <li>{@code handle} is called on the options' executor, never on the thread that reads the
 *       socket; up to {@code maxConcurrentRequests} requests of one connection are handled at once.
 *       It should return quickly: slow work belongs in the stage.</li>
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
}
