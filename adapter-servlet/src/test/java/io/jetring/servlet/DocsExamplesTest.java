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
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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
            CompletableFuture<String> echoed = new CompletableFuture<>();
            java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + base.getPort() + "/ws/echo"), new java.net.http.WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                            echoed.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("ping?", true).get(10, TimeUnit.SECONDS);
            assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("ping?");
            ws.abort();
            assertThat(Http.getText(base.resolve("/hello?name=Tomcat")).body()).isEqualTo("Hello, Tomcat!");
        }
    }
}
