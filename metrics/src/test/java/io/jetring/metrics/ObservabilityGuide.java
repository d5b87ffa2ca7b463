package io.jetring.metrics;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.observe.Health;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.router.Router;
import io.jetring.rpc.RpcHandler;
import io.jetring.rpc.RpcServer;
import io.jetring.servlet.RingServlet;
import io.jetring.servlet.ServletOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The examples of {@code docs/observability.md}; {@link ObservabilityGuideTest} checks that every
 * Java block of the page is here, word for word, and runs them.
 */
final class ObservabilityGuide {
    private ObservabilityGuide() {
    }

    static JetServer requestLog(RingHandler app, int port) {
        // guide: request log
        return JetServer.run(app, ServerOptions.builder()
                .port(port)
                .requestLog()          // one line per exchange, to the SLF4J logger io.jetring.access
                .build());
        // end
    }

    // guide: own sink
    private static final Logger SLOW = LoggerFactory.getLogger("app.slow");

    static ServerOptions slowAndFailed(int port) {
        return ServerOptions.builder()
                .port(port)
                .requestLog(entry -> {
                    if (entry.status() >= 500 || entry.duration().toMillis() >= 1000) {
                        SLOW.warn("{} {} -> {} in {} ms (route {})", entry.method(), entry.target(),
                                entry.status(), entry.duration().toMillis(), entry.route().orElse("none"));
                    }
                })
                .build();
    }
    // end

    static JetServer production(int port) {
        // guide: production
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Router app = Router.builder()
                .get("/users/{id}", request -> Response.ok("user " + Router.pathParam(request, "id")))
                .get("/metrics", request -> Response.ok(registry.scrape())
                        .withContentType("text/plain; version=0.0.4; charset=utf-8"))
                .get("/health/live", Health.live())
                .get("/health/ready", Health.ready())
                .build();
        return JetServer.run(app, ServerOptions.builder()
                .port(port)
                .requestLog()
                .observer(JetringMetrics.of(registry))
                .quietPeriod(Duration.ofSeconds(2))   // readiness 503 for 2 s before the drain
                .stopAtShutdown(true)
                .build());
        // end
    }

    static RpcServer rpc(PrometheusMeterRegistry registry, RpcHandler handler) {
        // guide: rpc
        RpcServer rpc = RpcServer.of(RpcMetrics.of(registry).measure(handler));
        // end
        return rpc;
    }

    static RingServlet servlet(RingHandler app, PrometheusMeterRegistry registry) {
        // guide: servlet
        JetringMetrics metrics = JetringMetrics.of(registry);
        RingServlet servlet = new RingServlet(app, ServletOptions.defaults()
                .withRequestLog()          // to the JDK System.Logger io.jetring.access
                .withObserver(metrics));
        // end
        return servlet;
    }

    static RingServlet drainable(JetringMetrics metrics) {
        // guide: drain
        AtomicReference<RingServlet> servlet = new AtomicReference<>();
        Router app = Router.builder()
                .get("/health/ready", Health.ready())
                .post("/admin/drain", request -> {     // the pre-stop hook's call; keep it off the public port
                    servlet.get().beginStop();
                    return Response.ok("draining\n");
                })
                .build();
        servlet.set(new RingServlet(app, ServletOptions.defaults().withObserver(metrics)));
        // end
        return servlet.get();
    }
}
