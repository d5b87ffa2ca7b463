package io.jetring.middleware;

import io.jetring.servlet.testing.ContainerFixture;
import org.junit.jupiter.api.Nested;

/** The request-state suites (parameters, cookies, sessions, CSRF, uploads) under Tomcat. */
class TomcatStateTest {
    static ContainerFixture fixture() {
        return ContainerFixture.tomcat();
    }

    @Nested
    class ParamsTest extends ParamsSuite {
        @Override
        ContainerFixture fixture() {
            return TomcatStateTest.fixture();
        }
    }

    @Nested
    class CookiesTest extends CookiesSuite {
        @Override
        ContainerFixture fixture() {
            return TomcatStateTest.fixture();
        }
    }

    @Nested
    class SessionsTest extends SessionsSuite {
        @Override
        ContainerFixture fixture() {
            return TomcatStateTest.fixture();
        }
    }

    @Nested
    class MultipartTest extends MultipartSuite {
        @Override
        ContainerFixture fixture() {
            return TomcatStateTest.fixture();
        }
    }

    @Nested
    class CsrfTest extends CsrfSuite {
        @Override
        ContainerFixture fixture() {
            return TomcatStateTest.fixture();
        }
    }

    @Nested
    class DefaultsTest extends DefaultsSuite {
        @Override
        ContainerFixture fixture() {
            return TomcatStateTest.fixture();
        }
    }
}
