package io.jetring.rpc;

import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketUpgrade;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The server side of RPC: accepts WebSockets with a fresh RPC connection each, keeps the open ones,
 * and drains them when the server stops. Install it on a jetring server with its two halves:
 *
 * <pre>{@code
 * RpcServer rpc = RpcServer.of(Pipeline.payloads().reply(Codec.bytes()));
 * ServerOptions options = ServerOptions.builder()
 *         .websocketHandler(rpc.handler())   // or request -> ... rpc.accept() ... to route by path
 *         .drainHook(rpc::drain)             // answer the requests in flight before the 1001
 *         .build();
 * }</pre>
 *
 * <p>The server calls its clients through the connections it hands to {@code onOpen}, to the handler
 * ({@link RpcRequest#connection()}) and in {@link #connections()}.
 */
public final class RpcServer {
    private final RpcHandler handler;
    private final RpcOptions options;
    private final Consumer<RpcConnection> onOpen;
    private final Set<RpcEndpoint> open = ConcurrentHashMap.newKeySet();
    /** The timer of every connection; stopped once drained with no connection left. */
    private final RpcTimer timer = new RpcTimer();
    private volatile boolean draining;

    private RpcServer(RpcHandler handler, RpcOptions options, Consumer<RpcConnection> onOpen) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
    }

    /** A server whose connections answer requests with {@code handler}, with the default options. */
    public static RpcServer of(RpcHandler handler) {
        return of(handler, RpcOptions.defaults());
    }

    /** A server whose connections answer requests with {@code handler}. */
    public static RpcServer of(RpcHandler handler, RpcOptions options) {
        return new RpcServer(handler, options, connection -> { });
    }

    /**
     * A server that also hands every new connection to {@code onOpen}, before any request on it is
     * read: the place to keep it for calls to the client. It runs on the connection's thread and
     * must not block; a throw closes the connection with {@code 1011}.
     */
    public static RpcServer of(RpcHandler handler, RpcOptions options, Consumer<RpcConnection> onOpen) {
        return new RpcServer(handler, options, onOpen);
    }

    /**
     * Accepts a WebSocket upgrade as an RPC connection: for a {@code WebSocketHandler} that routes by
     * path. Once the server drains, upgrades are rejected with {@code 503}.
     */
    public WebSocketUpgrade accept() {
        return draining ? WebSocketUpgrade.reject(503) : WebSocketUpgrade.accept(newListener());
    }

    /** A WebSocket handler that accepts every upgrade as an RPC connection. */
    public WebSocketHandler handler() {
        return request -> accept();
    }

    /** A fresh listener for one WebSocket, whose connection this server keeps and drains. */
    public WebSocketListener newListener() {
        return new RpcEndpoint(handler, options, timer, this::opened);
    }

    /** The connections open now (a snapshot). */
    public Set<RpcConnection> connections() {
        return Set.copyOf(open);
    }

    /**
     * The graceful stop of every connection (see {@link RpcConnection#drain()}): requests that arrive
     * from now on get the error reply {@code server stopping}, and the stage completes when every
     * request in flight has been answered and the answer written. The server then closes the
     * WebSockets (with {@code 1001}); give this method to {@code ServerOptions.drainHook}. Once the
     * last connection has closed, the server's timer thread stops. Idempotent.
     */
    public CompletionStage<Void> drain() {
        draining = true;
        stopTimerIfDone();
        return CompletableFuture.allOf(open.stream()
                .map(endpoint -> endpoint.drain("server stopping").toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    /** The timer, for tests. */
    RpcTimer timer() {
        return timer;
    }

    private void stopTimerIfDone() {
        if (draining && open.isEmpty()) {
            timer.stop();
        }
    }

    private void opened(RpcEndpoint endpoint) {
        open.add(endpoint);
        endpoint.whenClosed().whenComplete((ok, failure) -> {
            open.remove(endpoint);
            stopTimerIfDone();
        });
        if (draining) {
            endpoint.drain("server stopping");
        }
        onOpen.accept(endpoint);
    }

    @Override
    public String toString() {
        return "RpcServer[" + open.size() + " open" + (draining ? ", draining" : "") + "]";
    }
}
