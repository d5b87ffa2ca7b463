package io.jetring.servlet.testing;

import io.jetring.api.DataSize;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.servlet.JakartaWebSockets;
import io.jetring.servlet.RingServlet;
import io.jetring.servlet.ServletOptions;
import java.net.URI;
import java.time.Duration;
import jakarta.servlet.ServletContext;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.websocket.server.WsSci;

/** {@code RingServlet} at {@code /*} of the root context of an embedded Tomcat 11. */
final class TomcatFixture implements ContainerFixture {
    @Override
    public String name() {
        return "Tomcat 11";
    }

    @Override
    public RunningServer start(RingHandler handler, DataSize maxBodySize, Duration asyncTimeout) throws Exception {
        RingServlet servlet = new RingServlet(handler, new ServletOptions(maxBodySize, asyncTimeout));
        ExchangeCounter counter = new ExchangeCounter();
        RunningServer tomcat = TomcatTestServer.start("", context -> {
            Wrapper ring = Tomcat.addServlet(context, "ring", servlet);
            ring.setAsyncSupported(true);
            context.addServletMapping("/*", "ring");
            FilterDef counting = new FilterDef();
            counting.setFilterName("counter");
            counting.setFilter(counter);
            counting.setAsyncSupported("true");
            context.addFilterDef(counting);
            FilterMap all = new FilterMap();
            all.setFilterName("counter");
            all.addURLPattern("/*");
            all.setDispatcher("REQUEST");
            all.setDispatcher("ASYNC");
            context.addFilterMap(all);
        });
        return new RunningServer() {
            @Override
            public URI baseUri() {
                return tomcat.baseUri();
            }

            @Override
            public OptionalInt openExchanges() {
                return OptionalInt.of(counter.open());
            }

            @Override
            public void close() {
                tomcat.close();
            }
        };
    }

    /**
     * Tomcat's Jakarta WebSocket support ({@code WsSci}, which an embedded context does not run by
     * itself), and the jetring filter installed from an initializer, as an application would.
     */
    @Override
    public RunningServer start(RingHandler handler, WebSocketHandler websockets, WebSocketOptions options) throws Exception {
        return withWebSockets(handler, servletContext -> JakartaWebSockets.install(servletContext, "/*", websockets, options));
    }

    /** Tomcat's Jakarta WebSocket support and the jetring filter without a handler: the servlet answers upgrades. */
    @Override
    public RunningServer start(RingHandler handler, WebSocketOptions options) throws Exception {
        return withWebSockets(handler, servletContext -> JakartaWebSockets.install(servletContext, "/*", options));
    }

    @Override
    public RunningServer start(RingServlet servlet, Optional<WebSocketHandler> websockets, WebSocketOptions options)
            throws Exception {
        return withWebSockets(servlet, servletContext -> {
            if (websockets.isPresent()) {
                JakartaWebSockets.install(servletContext, "/*", websockets.get(), options);
            } else {
                JakartaWebSockets.install(servletContext, "/*", options);
            }
        });
    }

    private static RunningServer withWebSockets(RingHandler handler, Consumer<ServletContext> install) throws Exception {
        return withWebSockets(new RingServlet(handler), install);
    }

    private static RunningServer withWebSockets(RingServlet servlet, Consumer<ServletContext> install) throws Exception {
        Wrapper[] ring = new Wrapper[1];
        RunningServer tomcat = TomcatTestServer.start("", context -> {
            context.addServletContainerInitializer(new WsSci(), null);
            context.addServletContainerInitializer((classes, servletContext) -> install.accept(servletContext), null);
            ring[0] = Tomcat.addServlet(context, "ring", servlet);
            ring[0].setAsyncSupported(true);
            ring[0].setLoadOnStartup(1);   // in service (its observers started) before the first request
            context.addServletMapping("/*", "ring");
        });
        return new RunningServer() {
            @Override
            public URI baseUri() {
                return tomcat.baseUri();
            }

            /** Stops the servlet's wrapper: Tomcat unloads the servlet ({@code destroy()}), the context goes on. */
            @Override
            public void stopServlet() throws Exception {
                ring[0].stop();
            }

            @Override
            public void close() {
                tomcat.close();
            }
        };
    }
}
