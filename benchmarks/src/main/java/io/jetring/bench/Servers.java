package io.jetring.bench;

import io.jetring.api.Publishers;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Server;

/** Every benchmark server by name: each jetring one next to the bare Jetty one it is measured against. */
public final class Servers {
    /** Stream size: 64 MiB in 64 KiB chunks. */
    static final int CHUNKS = 1024;
    static final int CHUNK = 64 * 1024;

    /** The names {@link #start} knows. */
    public static final List<String> NAMES = List.of("jetring-sync", "jetring-async", "jetring-stream",
            "jetring-ws-echo", "jetring-rpc-echo", "jetring-rpc-echo-blocking",
            "jetring-rpc-echo-vthreads", "bare-core-pool", "bare-core-io", "bare-servlet", "bare-stream", "bare-ws-echo",
            "jetring-static", "jetty-resource", "jetring-gzip", "jetty-gzip", "jetring-routed", "jetring-unrouted",
            "jetring-hello-route", "jetring-hello-observed", "jetring-hello-metrics", "jetring-hello-log", "jetring-hello-log-disabled",
            "jetring-hello-buffered-log");

    private Servers() {
    }

    /** A started server: its port and how to stop it. */
    public interface Running extends AutoCloseable {
        /** The bound port. */
        int port();

        @Override
        void close() throws Exception;
    }

    /** Starts the server called {@code name} on {@code port} (0 for any). */
    public static Running start(String name, int port) throws Exception {
        return switch (name) {
            case "jetring-sync" -> jetring(request -> Response.ok("Hello, World!"), port);
            case "jetring-async" -> jetring(RingHandler.async(
                    request -> CompletableFuture.completedFuture(Response.ok("Hello, World!"))), port);
            case "jetring-stream" -> jetring(RingHandler.async(request -> CompletableFuture.completedFuture(
                    Response.stream(chunks()).withContentType("application/octet-stream"))), port);
            case "bare-core-pool" -> bare(Bare.start(Bare.helloDispatched(), port));
            case "bare-core-io" -> bare(Bare.start(Bare.helloOnIoThread(), port));
            case "bare-servlet" -> bare(Bare.start(Bare.helloServlet(), port));
            case "bare-stream" -> bare(Bare.start(Bare.stream(CHUNKS, CHUNK), port));
            case "jetring-ws-echo" -> jetring(request -> Response.ok("Hello, World!"), ServerOptions.builder()
                    .host("127.0.0.1").port(port).websocketHandler(request -> WebSocketUpgrade.accept(new WebSocketListener() {
                        @Override
                        public void onText(WebSocket ws, String text) {
                            ws.sendText(text);
                        }

                        @Override
                        public void onBinary(WebSocket ws, byte[] bytes) {
                            ws.sendBinary(bytes);
                        }
                    })).build());
            case "bare-ws-echo" -> bare(Bare.startWebSocketEcho(port));
            case "jetring-rpc-echo", "jetring-rpc-echo-blocking", "jetring-rpc-echo-vthreads" -> {
                // The default options: the non-blocking echo runs on the thread that read the request;
                // the blocking form on the server's worker pool, or on its virtual threads (Java 21+).
                io.jetring.rpc.RpcHandler echo = name.equals("jetring-rpc-echo") ? io.jetring.rpc.RpcHandler.echo()
                        : io.jetring.rpc.RpcHandler.blocking(request -> java.util.Optional.of(request.payload()));
                io.jetring.rpc.RpcServer rpc = io.jetring.rpc.RpcServer.of(echo);
                yield jetring(request -> Response.ok("Hello, World!"), ServerOptions.builder().host("127.0.0.1")
                        .port(port).virtualThreads(name.endsWith("vthreads")).websocketHandler(rpc.handler())
                        .drainHook(rpc::drain).build());
            }
            case "jetring-static" -> jetring(HttpSemantics.staticFiles(), port);
            case "jetty-resource" -> bare(Bare.start(HttpSemantics.resourceHandler(), port));
            case "jetring-gzip" -> jetring(HttpSemantics.gzipJson(), port);
            case "jetty-gzip" -> bare(Bare.start(HttpSemantics.jettyGzipJson(), port));
            case "jetring-routed" -> jetring(Routing.githubRouter(), port);
            case "jetring-unrouted" -> jetring(Routing.HELLO, port);
            // Hello through a router, without and with the request log and metrics: the cost of observing.
            case "jetring-hello-route" -> jetring(helloRoute(), port);
            case "jetring-hello-observed" -> jetring(helloRoute(), ServerOptions.builder().host("127.0.0.1").port(port)
                    .requestLog().observer(metrics()).build());
            case "jetring-hello-metrics" -> jetring(helloRoute(), ServerOptions.builder().host("127.0.0.1").port(port)
                    .observer(metrics()).build());
            case "jetring-hello-log" -> jetring(helloRoute(), ServerOptions.builder().host("127.0.0.1").port(port)
                    .requestLog().build());
            case "jetring-hello-log-disabled" -> {
                // The entries are built, the logger is off: the engine's part of the log's cost.
                System.setProperty("org.slf4j.simpleLogger.log.io.jetring.access", "off");
                yield jetring(helloRoute(), ServerOptions.builder().host("127.0.0.1").port(port)
                        .requestLog().observer(metrics()).build());
            }
            case "jetring-hello-buffered-log" -> jetring(helloRoute(), ServerOptions.builder().host("127.0.0.1").port(port)
                    .requestLog(new BufferedAccessLog(java.nio.file.Files.createTempFile("jetring-access", ".log")))
                    .observer(metrics()).build());
            default -> throw new IllegalArgumentException("server: " + name + " (expected: one of " + NAMES + ")");
        };
    }

    private static io.jetring.metrics.JetringMetrics metrics() {
        return io.jetring.metrics.JetringMetrics.of(new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT));
    }

    private static RingHandler helloRoute() {
        return io.jetring.router.Router.builder().get("/", request -> Response.ok("Hello, World!")).build();
    }

    private static java.util.concurrent.Flow.Publisher<byte[]> chunks() {
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 'x');
        return Publishers.fromIterator(() -> new Iterator<>() {
            private int sent;

            @Override
            public boolean hasNext() {
                return sent < CHUNKS;
            }

            @Override
            public byte[] next() {
                if (sent++ >= CHUNKS) {
                    throw new NoSuchElementException();
                }
                return chunk;
            }
        });
    }

    private static Running jetring(RingHandler handler, int port) {
        return jetring(handler, ServerOptions.builder().host("127.0.0.1").port(port).build());
    }

    private static Running jetring(RingHandler handler, ServerOptions options) {
        JetServer server = JetServer.run(handler, options);
        return new Running() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** The Jetty server behind a bare one, for in-memory connectors. */
    public static Server jetty(Running bare) {
        return ((BareRunning) bare).server();
    }

    private interface BareRunning extends Running {
        Server server();
    }

    private static Running bare(Server server) {
        return new BareRunning() {
            @Override
            public Server server() {
                return server;
            }

            @Override
            public int port() {
                return ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).getLocalPort();
            }

            @Override
            public void close() throws Exception {
                server.stop();
            }
        };
    }
}
