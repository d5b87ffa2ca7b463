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
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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
            CompletableFuture<String> echoed = new CompletableFuture<>();
            java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/echo"), new java.net.http.WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                            echoed.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("ping?", true).get(10, TimeUnit.SECONDS);
            assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("ping?");
            ws.abort();
            assertThat(Http.getText(URI.create("http://127.0.0.1:" + port + "/hello?name=Jetty")).body())
                    .isEqualTo("Hello, Jetty!");
        } finally {
            server.stop();
        }
    }
}
