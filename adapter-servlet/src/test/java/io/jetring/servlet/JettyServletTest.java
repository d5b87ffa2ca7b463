package io.jetring.servlet;

import io.jetring.servlet.testing.ContainerFixture;
import org.junit.jupiter.api.Nested;

/**
 * The shared HTTP suites against RingServlet in a Jetty 12 ee10 ServletContextHandler; the WebSocket
 * suite runs there through {@code JettyWebSockets}, in {@code adapter-servlet-jetty}.
 */
class JettyServletTest {

    @Nested
    class Handlers extends HandlerSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jettyServlet();
        }
    }

    @Nested
    class Bodies extends BodySuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jettyServlet();
        }
    }
}
