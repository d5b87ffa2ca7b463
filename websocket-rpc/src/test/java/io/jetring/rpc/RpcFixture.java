package io.jetring.rpc;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.client.ws.WebSocketClient;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A jetring server on a free loopback port serving an {@link RpcServer} at {@code /rpc} (with its
 * drain hook installed), and a WebSocket client to reach it with RPC connections or raw WebSockets.
 */
final class RpcFixture implements AutoCloseable {
    static final long WAIT_SECONDS = 10;

    final RpcServer rpc;
    final JetServer server;
    final WebSocketClient client = WebSocketClient.create();

    private RpcFixture(RpcServer rpc, UnaryOperator<ServerOptions.Builder> customize) {
        this.rpc = rpc;
        ServerOptions.Builder options = ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> request.path().equals("/rpc") ? rpc.accept() : WebSocketUpgrade.reject(404))
                .drainHook(rpc::drain)
                .stopTimeout(Duration.ofSeconds(30));
        this.server = JetServer.run(request -> Response.ok("http"), customize.apply(options).build());
    }

    static RpcFixture start(RpcServer rpc) {
        return new RpcFixture(rpc, options -> options);
    }

    static RpcFixture start(RpcServer rpc, UnaryOperator<ServerOptions.Builder> customize) {
        return new RpcFixture(rpc, customize);
    }

    static RpcFixture start(RpcHandler handler) {
        return start(RpcServer.of(handler));
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/rpc");
    }

    /** A client connection that takes no requests. */
    RpcConnection connect() throws Exception {
        return connect(RpcHandler.refuse("no handler"), RpcOptions.defaults());
    }

    /** A client connection that answers the server's requests with {@code handler}. */
    RpcConnection connect(RpcHandler handler, RpcOptions options) throws Exception {
        return RpcConnection.connect(listener -> client.connect(uri(), listener), handler, options)
                .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A plain WebSocket to the RPC endpoint, for sending frames by hand. */
    WebSocket raw(WebSocketListener listener) throws Exception {
        return client.connect(uri(), listener).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
        server.stop();
    }
}
