package io.jetring.servlet;

import io.jetring.servlet.testing.ContainerFixture;
import org.junit.jupiter.api.Nested;

/** The shared suites against RingServlet in embedded Tomcat 11. */
class TomcatTest {

    @Nested
    class Handlers extends HandlerSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }

    @Nested
    class Bodies extends BodySuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }

    @Nested
    class WebSockets extends WebSocketSuite {
        @Override
        protected ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }

    @Nested
    class Observability extends ObservabilitySuite {
        @Override
        protected ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }

    @Nested
    class Upgrades extends UpgradeSuite {
        @Override
        protected ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }
}
