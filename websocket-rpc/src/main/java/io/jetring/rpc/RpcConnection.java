package io.jetring.rpc;

import io.jetring.api.Request;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One RPC connection over one WebSocket, seen from either side: both sides call each other the same
 * way. The server hands connections to its {@link RpcHandler} (in {@link RpcRequest#connection()}) and
 * to {@link RpcServer}'s {@code onOpen}; a client gets one from {@link #connect}.
 *
 * <p>Calls may be made from any thread. Their stages complete on the thread that read the answer,
 * with no hand-off, unless the options give an {@link RpcOptions#executor() executor}: what is
 * chained to them without an executor of its own must then not block, or the connection stops
 * reading until it returns. A timeout completes on the options' executor or the connection's
 * blocking executor. They fail with:
 * <ul>
 *   <li>{@link RpcTimeoutException} when no answer came within the timeout (a cancel is then sent);</li>
 *   <li>{@link RpcErrorException} when the peer answered with an error reply (its message);</li>
 *   <li>{@link RpcClosedException} when the connection closed first, or was not open;</li>
 *   <li>{@link RpcException} when the request could not be sent (the cause says why, e.g. a
 *       full outbound queue: {@link io.jetring.api.ws.WebSocketOverflowException}).</li>
 * </ul>
 * A call's stage may be cancelled ({@code toCompletableFuture().cancel(..)}): the call is forgotten
 * and a cancel is sent. Whatever ends a call, it leaves nothing behind: a late reply is dropped.
 */
public interface RpcConnection {

    /** Sends a request and waits for its answer for the options' {@link RpcOptions#timeout()}. */
    CompletionStage<byte[]> request(byte[] payload);

    /** Sends a request and waits for its answer for {@code timeout}. */
    CompletionStage<byte[]> request(byte[] payload, Duration timeout);

    /**
     * Sends a fire-and-forget request: no id, no answer. The stage completes when it has been
     * written, or fails like a call that could not be sent.
     */
    CompletionStage<Void> send(byte[] payload);

    /** Typed calls: requests written by {@code requests}, replies read by {@code replies}. */
    default <Q, R> RpcStub<Q, R> stub(Codec<Q> requests, Codec<R> replies) {
        return new RpcStub<>(this, requests, replies);
    }

    /**
     * Stops taking requests and completes when every request being handled has been answered and
     * the answer written. Requests that arrive meanwhile are refused: those with an id get an error
     * reply, fire-and-forget ones are dropped. Calls from this side still work. Idempotent.
     */
    CompletionStage<Void> drain();

    /** Closes the WebSocket with {@code 1000}; same as {@code close(1000, "")}. */
    CompletionStage<Void> close();

    /**
     * Closes the WebSocket with this code and reason; calls still waiting fail with
     * {@link RpcClosedException}. The stage completes once the connection is closed.
     */
    CompletionStage<Void> close(int code, String reason);

    /** Completes once the connection has closed and every waiting call has failed. */
    CompletionStage<Void> whenClosed();

    /** Whether calls can be sent: the WebSocket is open and not closing. */
    boolean isOpen();

    /** Calls sent on this connection and not answered yet: what a close would fail. */
    int pendingCalls();

    /**
     * Inbound requests taken and not finished: being handled, or read and waiting for a handler (at
     * most {@code maxConcurrentRequests + maxQueuedRequests}).
     */
    int activeRequests();

    /** The HTTP request that opened the WebSocket (on the client: the request as sent). */
    Request upgradeRequest();

    /**
     * Opens a client connection: {@code connector} opens a WebSocket with the listener it is given
     * (with the jetring client: {@code listener -> client.connect(uri, listener)}); the stage
     * completes with the connection once the WebSocket is open, or fails like {@code connector}'s.
     * {@code handler} answers the requests the server sends to this client.
     */
    static CompletionStage<RpcConnection> connect(Function<WebSocketListener, CompletionStage<WebSocket>> connector,
                                                  RpcHandler handler, RpcOptions options) {
        Objects.requireNonNull(connector, "connector");
        // A client connection has a timer of its own, stopped when it closes.
        RpcTimer timer = new RpcTimer();
        RpcEndpoint endpoint = new RpcEndpoint(handler, options, timer, connection -> { });
        endpoint.whenClosed().whenComplete((ok, failure) -> timer.stop());
        CompletableFuture<RpcConnection> connected = new CompletableFuture<>();
        CompletionStage<WebSocket> opening;
        try {
            opening = Objects.requireNonNull(connector.apply(endpoint), "the connector returned null");
        } catch (RuntimeException e) {
            timer.stop();
            return CompletableFuture.failedFuture(e);
        }
        opening.whenComplete((ws, failure) -> {
            if (failure != null) {
                timer.stop();
                connected.completeExceptionally(failure);
            } else {
                connected.complete(endpoint);
            }
        });
        return connected;
    }

    /**
     * Opens a client connection with the default options that takes no requests from the server
     * (they are answered with the error {@code no handler}).
     */
    static CompletionStage<RpcConnection> connect(Function<WebSocketListener, CompletionStage<WebSocket>> connector) {
        return connect(connector, RpcHandler.refuse("no handler"), RpcOptions.defaults());
    }
}
