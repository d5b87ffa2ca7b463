package io.jetring.client;

import io.jetring.api.DataSize;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.RunningServer;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** The engine rules over the network, against RingServlet in Jetty ee10 and in Tomcat 11. */
class EngineRulesInServletTest {

    @Nested
    class JettyEe10 extends EngineRulesContract {
        @Override
        Served serve(RingHandler handler, Duration asyncTimeout) throws Exception {
            return served(ContainerFixture.jettyServlet(), handler, asyncTimeout);
        }
    }

    @Nested
    class Tomcat extends EngineRulesContract {
        @Override
        Served serve(RingHandler handler, Duration asyncTimeout) throws Exception {
            return served(ContainerFixture.tomcat(), handler, asyncTimeout);
        }
    }

    static EngineRulesContract.Served served(ContainerFixture fixture, RingHandler handler, Duration asyncTimeout)
            throws Exception {
        RunningServer server = fixture.start(handler, DataSize.ofKibibytes(64), asyncTimeout);
        JetClient client = JetClient.create();
        String base = server.baseUri().toString().replaceAll("/$", "");
        return new EngineRulesContract.Served() {
            @Override
            public JetClient client() {
                return client;
            }

            @Override
            public String base() {
                return base;
            }

            @Override
            public void close() {
                try {
                    client.close();
                } finally {
                    server.close();
                }
            }
        };
    }
}
