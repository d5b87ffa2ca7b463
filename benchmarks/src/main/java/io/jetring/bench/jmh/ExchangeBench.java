package io.jetring.bench.jmh;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.bench.Servers;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole exchange in memory (Jetty's LocalConnector: parse, handle, generate), jetring next to
 * bare Jetty, so the cost of the adapter — request record, headers, response writing — shows in
 * time and, with {@code -prof gc}, in bytes allocated per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExchangeBench {
    private static final String REQUEST = "GET /hello HTTP/1.1\r\nHost: localhost\r\nUser-Agent: bench\r\n"
            + "Accept: text/plain\r\nAccept-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n";

    @Param({"jetring-sync", "jetring-async", "bare-core-pool", "bare-core-io"})
    public String server;

    private AutoCloseable running;
    private LocalConnector connector;

    @Setup(Level.Trial)
    public void start() throws Exception {
        AtomicReference<LocalConnector> local = new AtomicReference<>();
        if (server.startsWith("jetring")) {
            RingHandler handler = server.equals("jetring-sync") ? request -> Response.ok("Hello, World!")
                    : RingHandler.async(request -> CompletableFuture.completedFuture(Response.ok("Hello, World!")));
            running = JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0)
                    .jettyCustomizer(jetty -> {
                        local.set(new LocalConnector(jetty));
                        jetty.addConnector(local.get());
                    }).build());
        } else {
            Servers.Running bare = Servers.start(server, 0);
            running = bare;
            Server jetty = Servers.jetty(bare);
            local.set(new LocalConnector(jetty));
            jetty.addConnector(local.get());
            local.get().start();
        }
        connector = local.get();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        running.close();
    }

    @Benchmark
    public String exchange() throws Exception {
        return connector.getResponse(REQUEST);
    }
}
