package io.jetring.servlet.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.servlet.docs.App;
import io.jetring.servlet.jetty.docs.EmbeddedJetty;
import io.jetring.servlet.testing.Http;
import java.net.URI;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** The embedded example of docs/servlet.md serves HTTP through RingServlet and WebSockets beside it. */
class DocsExampleTest {

    @Test
    void theEmbeddedExampleServesHttpAndWebSockets() throws Exception {
        WebSocketHandler websockets = request -> request.path().equals("/ws/echo")
                ? WebSocketUpgrade.accept(new WebSocketListener() {
                    @Override
                    public void onText(WebSocket ws, String text) {
                        ws.sendText(text);
                    }
                })
                : WebSocketUpgrade.reject(Response.notFound());
        Server server = EmbeddedJetty.start(App.handler(), websockets, 0);
        try {
            int port = ((NetworkConnector) server.getConnectors()[0]).getLocalPort();
            assertThat(Http.webSocketEcho(URI.create("ws://127.0.0.1:" + port + "/ws/echo"), "ping?")).isEqualTo("ping?");
            assertThat(Http.getText(URI.create("http://127.0.0.1:" + port + "/hello?name=Jetty")).body())
                    .isEqualTo("Hello, Jetty!");
        } finally {
            server.stop();
        }
    }
}
