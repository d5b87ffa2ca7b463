package io.jetring.servlet;

import io.jetring.servlet.testing.ContainerFixture;
import org.junit.jupiter.api.Nested;

/** The shared suites against JetServer on Jetty core: the reference every container must match. */
class JetServerTest {

    @Nested
    class Handlers extends HandlerSuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jetServer();
        }
    }

    @Nested
    class Bodies extends BodySuite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jetServer();
        }
    }

    @Nested
    class WebSockets extends WebSocketSuite {
        @Override
        protected ContainerFixture fixture() {
            return ContainerFixture.jetServer();
        }
    }

    @Nested
    class Upgrades extends UpgradeSuite {
        @Override
        protected ContainerFixture fixture() {
            return ContainerFixture.jetServer();
        }
    }
}
