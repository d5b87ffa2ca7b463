package io.jetring.examples;

import io.jetring.api.InvalidOptionException;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.rpc.RpcServer;

/**
 * Starts the demo on {@code $PORT} (default 8080), HTTP/1.1, h2c and WebSocket on one port. SIGTERM
 * stops it gracefully: HTTP requests in flight finish first, then RPC calls in flight are answered,
 * then WebSockets are closed with 1001.
 */
public final class DemoServer {
    private DemoServer() {
    }

    /** Runs until the JVM is stopped. */
    public static void main(String[] args) throws InterruptedException {
        String portText = System.getenv().getOrDefault("PORT", "8080");
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw InvalidOptionException.of("PORT", portText, "an integer in 0..65535");
        }
        RpcServer rpc = DemoApp.rpcServer();
        ServerOptions options = ServerOptions.builder().port(port).stopAtShutdown(true)
                .websocketHandler(DemoApp.websocketHandler(rpc))
                .drainHook(rpc::drain)
                .build();
        JetServer server = JetServer.run(DemoApp.handler(), options);
        System.out.println("jetring demo serving on " + server.uri() + " (open it in a browser for RPC, try "
                + server.uri() + "hello, or " + server.uri().resolve("/ws/echo").toString().replaceFirst("^http", "ws") + ")");
        server.join();
    }
}
