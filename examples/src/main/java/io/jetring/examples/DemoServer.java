package io.jetring.examples;

import io.jetring.api.InvalidOptionException;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.metrics.JetringMetrics;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.rpc.RpcServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * Starts the demo on {@code $PORT} (default 8080), HTTP/1.1, h2c and WebSocket on one port, with the
 * notes in H2 in memory, or in the database at {@code $JDBC_URL} ({@link NoteStore#fromEnvironment}). SIGTERM
 * stops it gracefully: for 2 s {@code /health/ready} says 503 while everything is still served, then
 * HTTP requests in flight finish, then RPC calls in flight are answered, then WebSockets are closed
 * with 1001. {@code /metrics} serves Prometheus text; each exchange is logged to {@code io.jetring.access}.
 */
public final class DemoServer {
    private DemoServer() {
    }

    /**
     * The demo's server options but its port: the RPC drain, a request log line per exchange
     * (logger {@code io.jetring.access}), metrics in {@code registry}, and a 2 s quiet period in which
     * {@code /health/ready} says 503 before the drain begins.
     */
    static ServerOptions.Builder options(RpcServer rpc, MeterRegistry registry) {
        return ServerOptions.builder().drainHook(rpc::drain).requestLog().observer(JetringMetrics.of(registry))
                .quietPeriod(Duration.ofSeconds(2));
    }

    /** {@code GET /metrics}: the Prometheus text of {@code registry}. */
    static RingHandler metrics(PrometheusMeterRegistry registry) {
        return request -> Response.ok(registry.scrape()).withContentType("text/plain; version=0.0.4; charset=utf-8");
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
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServerOptions options = options(rpc, registry).port(port).stopAtShutdown(true).build();
        try (NoteStore store = NoteStore.fromEnvironment(System.getenv())) {
            NotesApp notes = new NotesApp(store, System.getenv());
            Runtime.getRuntime().addShutdownHook(new Thread(notes::close, "notes-close"));
            JetServer server = JetServer.run(DemoApp.routes(rpc, notes).get("/metrics", metrics(registry)).build(), options);
            System.out.println("jetring demo serving on " + server.uri() + " (log in there for the notes application, try "
                    + server.uri() + "hello, or " + server.uri().resolve("/ws/echo").toString().replaceFirst("^http", "ws") + ")");
            server.join();
        }
    }
}
