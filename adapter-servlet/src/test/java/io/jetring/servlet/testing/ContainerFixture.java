package io.jetring.servlet.testing;

import io.jetring.api.DataSize;
import io.jetring.api.RingHandler;
import java.time.Duration;

/**
 * A way to run a handler: JetServer, or {@code RingServlet} in one servlet container. The shared
 * suite runs the same handlers and assertions against each; a new container is one more
 * implementation.
 *
 * <p>The seam for WebSockets: the servlet WebSocket bridge (not built yet) adds a second method here,
 * {@code start(RingHandler, io.jetring.api.ws.WebSocketHandler, ...)}: JetServer's fixture passes
 * the handler to {@code ServerOptions.websocketHandler}, the servlet fixtures register the bridge's
 * Jakarta WebSocket endpoint. The echo case then joins as a third suite, nested in each container's
 * test class beside {@code Handlers} and {@code Bodies}.
 */
public interface ContainerFixture {
    /** Short name, for test output. */
    String name();

    /** Starts {@code handler} on {@code 127.0.0.1}, port 0, with these two limits. */
    RunningServer start(RingHandler handler, DataSize maxBodySize, Duration asyncTimeout) throws Exception;

    /** JetServer on Jetty core. */
    static ContainerFixture jetServer() {
        return new JetServerFixture();
    }

    /** {@code RingServlet} in a Jetty 12 ee10 {@code ServletContextHandler}. */
    static ContainerFixture jettyServlet() {
        return new JettyServletFixture();
    }

    /** {@code RingServlet} in embedded Tomcat 11. */
    static ContainerFixture tomcat() {
        return new TomcatFixture();
    }
}
