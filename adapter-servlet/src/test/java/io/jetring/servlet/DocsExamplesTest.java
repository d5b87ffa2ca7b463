package io.jetring.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.servlet.docs.App;
import io.jetring.servlet.docs.AppServlet;
import io.jetring.servlet.docs.AppWebSockets;
import io.jetring.servlet.docs.Embedded;
import io.jetring.servlet.testing.Http;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.servlet.testing.TomcatTestServer;
import java.net.URI;
import java.nio.file.Path;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of {@code docs/servlet.md} compile and serve (the listener one runs in {@code RingServletTest}). */
class DocsExamplesTest {

    @Test
    void embeddedJetty() throws Exception {
        Server server = Embedded.jetty(App.handler(), 0);
        try {
            int port = ((NetworkConnector) server.getConnectors()[0]).getLocalPort();
            assertThat(Http.getText(URI.create("http://127.0.0.1:" + port + "/hello?name=Jetty")).body())
                    .isEqualTo("Hello, Jetty!");
        } finally {
            server.stop();
        }
    }

    @Test
    void embeddedTomcat(@TempDir Path baseDir) throws Exception {
        Tomcat tomcat = Embedded.tomcat(App.handler(), 0, baseDir);
        try {
            int port = tomcat.getConnector().getLocalPort();
            assertThat(Http.getText(URI.create("http://127.0.0.1:" + port + "/hello?name=Tomcat")).body())
                    .isEqualTo("Hello, Tomcat!");
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void theAnnotatedServletCarriesItsHandler() {
        assertThat(new AppServlet().handler().isAsync()).isTrue();
    }

    @Test
    void theWebSocketListenerInstallsTheBridge() throws Exception {
        try (RunningServer tomcat = TomcatTestServer.start("", context -> {
            context.addServletContainerInitializer(new WsSci(), null);
            context.addApplicationListener(AppWebSockets.class.getName());
        })) {
            URI base = tomcat.baseUri();
            assertThat(Http.webSocketEcho(URI.create("ws://127.0.0.1:" + base.getPort() + "/ws/echo"), "ping?"))
                    .isEqualTo("ping?");
            assertThat(Http.getText(base.resolve("/hello?name=Tomcat")).body()).isEqualTo("Hello, Tomcat!");
        }
    }
}
