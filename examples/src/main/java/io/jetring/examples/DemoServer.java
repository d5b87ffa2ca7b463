package io.jetring.examples;

import io.jetring.api.InvalidOptionException;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.rpc.RpcServer;

/**
 * Starts the demo on {@code $PORT} (default 8080), HTTP/1.1, h2c and WebSocket on one port, with the
 * notes in H2 in memory, or in the database at {@code $JDBC_URL} ({@link NoteStore#fromEnvironment}). SIGTERM
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
        ServerOptions options = ServerOptions.builder().port(port).stopAtShutdown(true).drainHook(rpc::drain).build();
        try (NoteStore store = NoteStore.fromEnvironment(System.getenv())) {
            NotesApp notes = new NotesApp(store, System.getenv());
            Runtime.getRuntime().addShutdownHook(new Thread(notes::close, "notes-close"));
            JetServer server = JetServer.run(DemoApp.handler(rpc, notes), options);
            System.out.println("jetring demo serving on " + server.uri() + " (log in there for the notes application, try "
                    + server.uri() + "hello, or " + server.uri().resolve("/ws/echo").toString().replaceFirst("^http", "ws") + ")");
            server.join();
        }
    }
}
