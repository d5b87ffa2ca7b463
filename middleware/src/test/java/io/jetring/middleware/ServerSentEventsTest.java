package io.jetring.middleware;

import io.jetring.servlet.testing.ContainerFixture;
import org.junit.jupiter.api.Nested;

/** {@link ServerSentEventsSuite} in every container. */
class ServerSentEventsTest {
    @Nested
    class OnJetServer extends ServerSentEventsSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jetServer();
        }
    }

    @Nested
    class OnJettyServlet extends ServerSentEventsSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jettyServlet();
        }
    }

    @Nested
    class OnTomcat extends ServerSentEventsSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }
}
