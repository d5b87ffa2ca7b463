package io.jetring.middleware;

import io.jetring.servlet.testing.ContainerFixture;
import org.junit.jupiter.api.Nested;

/** {@link StaticFilesSuite} in every container. */
class StaticFilesTest {
    @Nested
    class OnJetServer extends StaticFilesSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jetServer();
        }
    }

    @Nested
    class OnJettyServlet extends StaticFilesSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jettyServlet();
        }
    }

    @Nested
    class OnTomcat extends StaticFilesSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }
}
