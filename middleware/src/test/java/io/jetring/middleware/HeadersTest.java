package io.jetring.middleware;

import io.jetring.servlet.testing.ContainerFixture;
import org.junit.jupiter.api.Nested;

/** {@link HeadersSuite} in every container. */
class HeadersTest {
    @Nested
    class OnJetServer extends HeadersSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jetServer();
        }
    }

    @Nested
    class OnJettyServlet extends HeadersSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jettyServlet();
        }
    }

    @Nested
    class OnTomcat extends HeadersSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }
}
