package io.jetring.json;

import io.jetring.servlet.testing.ContainerFixture;
import org.junit.jupiter.api.Nested;

/** {@link JsonSuite} under JetServer, Tomcat 11 and Jetty ee10. */
class JsonContainersTest {

    @Nested
    class UnderJetServer extends JsonSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jetServer();
        }
    }

    @Nested
    class UnderTomcat extends JsonSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }

    @Nested
    class UnderJettyServlet extends JsonSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jettyServlet();
        }
    }
}
