package io.jetring.middleware;

import io.jetring.servlet.testing.ContainerFixture;
import org.junit.jupiter.api.Nested;

/** {@link CompressionSuite} in every container. */
class CompressionTest {
    @Nested
    class OnJetServer extends CompressionSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jetServer();
        }
    }

    @Nested
    class OnJettyServlet extends CompressionSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jettyServlet();
        }
    }

    @Nested
    class OnTomcat extends CompressionSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }
}
