package io.jetring.servlet;

import io.jetring.servlet.testing.ContainerFixture;
import org.junit.jupiter.api.Nested;

/** The shared suites against RingServlet in a Jetty 12 ee10 ServletContextHandler. */
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

    @Nested
    class WebSockets extends WebSocketSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jettyServlet();
        }
    }
}
