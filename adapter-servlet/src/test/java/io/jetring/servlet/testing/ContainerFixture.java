package io.jetring.servlet.testing;

import io.jetring.api.DataSize;
import io.jetring.api.RingHandler;
import java.time.Duration;

/**
 * A way to run a handler: JetServer, or {@code RingServlet} in one servlet container. The shared
 * suite runs the same handlers and assertions against each; a new container is one more
 * implementation.
 *
 * <p>The WebSocket bridge will add a second method here, taking the WebSocket handler too, once the
 * WebSocket handler API is settled; the suite then gains its echo case.
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
