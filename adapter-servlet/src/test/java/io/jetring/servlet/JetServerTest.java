package io.jetring.servlet;

import io.jetring.servlet.testing.ContainerFixture;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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

        @Override
        @Test
        @Disabled("known JetServer deviation from SPEC section 8: a publisher that fails before its first chunk"
                + " fails the Jetty callback uncommitted, and Jetty's default error page then sends the exception"
                + " message; RingServlet answers the plain 500 (to be fixed in adapter-jetty's PublisherWriter)")
        void aPublisherFailingBeforeTheFirstChunkGets500() {
        }
    }
}
