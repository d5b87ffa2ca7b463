package io.jetring.servlet.testing;

import io.jetring.api.DataSize;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.servlet.RingServlet;
import io.jetring.servlet.ServletOptions;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code RingServlet} at {@code /*} of a Jetty 12 ee10 {@code ServletContextHandler} at the root. For
 * WebSockets it needs a {@link WebSocketSetup}: the Jetty WebSocket engine is a module of its own
 * ({@code adapter-servlet-jetty}, which runs the WebSocket suite with this fixture).
 */
public final class JettyServletFixture implements ContainerFixture {
    /**
     * Installs a WebSocket engine in the context, before it starts: with {@code handler} for every
     * upgrade, or, if it is empty, letting the servlet answer upgrades.
     */
    @FunctionalInterface
    public interface WebSocketSetup {
        void install(ServletContextHandler context, Optional<WebSocketHandler> handler, WebSocketOptions options);
    }

    private final WebSocketSetup websocketSetup;

    /** HTTP only. */
    public JettyServletFixture() {
        this(null);
    }

    /** HTTP, and WebSockets through {@code websocketSetup}. */
    public JettyServletFixture(WebSocketSetup websocketSetup) {
        this.websocketSetup = websocketSetup;
    }

    @Override
    public String name() {
        return "Jetty ee10 servlet";
    }

    @Override
    public RunningServer start(RingHandler handler, DataSize maxBodySize, Duration asyncTimeout) throws Exception {
        return start(handler, new ServletOptions(maxBodySize, asyncTimeout), context -> { });
    }

    @Override
    public RunningServer start(RingHandler handler, WebSocketHandler websockets, WebSocketOptions options) throws Exception {
        if (websocketSetup == null) {
            throw new UnsupportedOperationException("this fixture has no WebSocket engine: give it a WebSocketSetup");
        }
        return start(handler, ServletOptions.defaults(),
                context -> websocketSetup.install(context, Optional.of(websockets), options));
    }

    @Override
    public RunningServer start(RingHandler handler, WebSocketOptions options) throws Exception {
        if (websocketSetup == null) {
            throw new UnsupportedOperationException("this fixture has no WebSocket engine: give it a WebSocketSetup");
        }
        return start(handler, ServletOptions.defaults(),
                context -> websocketSetup.install(context, Optional.empty(), options));
    }

    @Override
    public RunningServer start(RingServlet servlet, Optional<WebSocketHandler> websockets, WebSocketOptions options)
            throws Exception {
        if (websocketSetup == null) {
            throw new UnsupportedOperationException("this fixture has no WebSocket engine: give it a WebSocketSetup");
        }
        return start(servlet, context -> websocketSetup.install(context, websockets, options));
    }

    private static RunningServer start(RingHandler handler, ServletOptions options,
                                       Consumer<ServletContextHandler> setup) throws Exception {
        return start(new RingServlet(handler, options), setup);
    }

    private static RunningServer start(RingServlet servlet, Consumer<ServletContextHandler> setup) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder ring = new ServletHolder("ring", servlet);
        ring.setAsyncSupported(true);
        ring.setInitOrder(1);   // in service (its observers started) before the first request
        context.addServlet(ring, "/*");
        setup.accept(context);
        ExchangeCounter counter = new ExchangeCounter();
        FilterHolder counting = new FilterHolder(counter);
        counting.setAsyncSupported(true);
        context.addFilter(counting, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        server.setHandler(context);
        // No graceful drain on stop: the test client's idle pooled connections would hold it up.
        server.setStopTimeout(0);
        server.start();

        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
        return new RunningServer() {
            @Override
            public URI baseUri() {
                return base;
            }

            @Override
            public OptionalInt openExchanges() {
                return OptionalInt.of(counter.open());
            }

            /** Stops the servlet's holder: Jetty destroys the servlet, the context goes on. */
            @Override
            public void stopServlet() throws Exception {
                ring.stop();
            }

            @Override
            public void close() {
                try {
                    server.stop();
                } catch (Exception e) {
                    throw new IllegalStateException("stopping Jetty failed", e);
                }
            }
        };
    }
}
