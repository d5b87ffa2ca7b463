package io.jetring.servlet.testing;

import io.jetring.api.DataSize;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.servlet.RingServlet;
import java.util.Optional;
import java.time.Duration;

/**
 * A way to run a handler: JetServer, or {@code RingServlet} in one servlet container. The shared
 * suite runs the same handlers and assertions against each; a new container is one more
 * implementation.
 *
 * <p>WebSockets: {@link #start(RingHandler, WebSocketHandler, WebSocketOptions)} runs a WebSocket
 * handler beside the Ring handler, as {@code JetServer} does with
 * {@code ServerOptions.websocketHandler}; the servlet containers run it through their own WebSocket
 * support (Tomcat: Jakarta WebSocket; Jetty ee10: Jetty's WebSocket container, set up by
 * {@code adapter-servlet-jetty} through {@link JettyServletFixture.WebSocketSetup}).
 * {@link #start(RingHandler, WebSocketOptions)} turns WebSockets on without a WebSocket handler:
 * the Ring handler answers upgrade requests with {@code Response.websocket}, as a router does.
 */
public interface ContainerFixture {
    /** Short name, for test output. */
    String name();

    /** Starts {@code handler} on {@code 127.0.0.1}, port 0, with these two limits. */
    RunningServer start(RingHandler handler, DataSize maxBodySize, Duration asyncTimeout) throws Exception;

    /** Starts {@code handler} with {@code websockets} for upgrade requests, with default HTTP limits. */
    RunningServer start(RingHandler handler, WebSocketHandler websockets, WebSocketOptions options) throws Exception;

    /**
     * Starts {@code handler} with WebSockets run with {@code options}, and no WebSocket handler: the
     * Ring handler answers upgrades itself ({@code Response.websocket}).
     */
    RunningServer start(RingHandler handler, WebSocketOptions options) throws Exception;

    /**
     * Starts {@code servlet} as it is (its options, its observers), in service before the first
     * request, with WebSockets run with {@code options}: by {@code websockets} if present, else the
     * servlet answers upgrades. The server can take the servlet out of service
     * ({@link RunningServer#stopServlet()}). Servlet containers only.
     */
    default RunningServer start(RingServlet servlet, Optional<WebSocketHandler> websockets, WebSocketOptions options)
            throws Exception {
        throw new UnsupportedOperationException(name() + " runs no RingServlet");
    }

    /** JetServer on Jetty core. */
    static ContainerFixture jetServer() {
        return new JetServerFixture();
    }

    /** {@code RingServlet} in a Jetty 12 ee10 {@code ServletContextHandler}, HTTP only. */
    static ContainerFixture jettyServlet() {
        return new JettyServletFixture();
    }

    /** {@code RingServlet} in embedded Tomcat 11. */
    static ContainerFixture tomcat() {
        return new TomcatFixture();
    }
}
