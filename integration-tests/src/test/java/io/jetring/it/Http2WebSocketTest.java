package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.testing.WebSocketRecorder;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;

/** WebSockets are offered over HTTP/1.1 only, also on a server that speaks h2c: no RFC 8441 streams. */
class Http2WebSocketTest {
    /** Jetty's listener API, for Jetty's client. */
    public static final class Received implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

        @Override
        public void onWebSocketText(String message) {
            texts.add(message);
        }
    }

    @Test
    void webSocketsAreNotOfferedOverHttp2StreamsButWorkOverHttp11OnTheSamePort() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder() {
            @Override
            public void onText(WebSocket ws, String text) {
                super.onText(ws, text);
                ws.sendText("echo: " + text);
            }
        };
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        WebSocketClient overHttp2 = new WebSocketClient(http);
        WebSocketClient overHttp11 = new WebSocketClient();
        try (JetServer server = JetServer.run(request -> Response.ok("http"), ServerOptions.builder()
                .host("127.0.0.1").port(0).websocketHandler(request -> WebSocketUpgrade.accept(serverSide)).build())) {
            http.start();
            overHttp2.start();
            overHttp11.start();
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
            ClientUpgradeRequest h2 = new ClientUpgradeRequest(uri);
            h2.setHttpVersion("HTTP/2.0");
            // RFC 8441 is off: the server does not enable the CONNECT protocol, so the h2 upgrade fails.
            assertThatThrownBy(() -> overHttp2.connect(new Received(), h2).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);

            Received received = new Received();
            Session session = overHttp11.connect(received, uri).get(10, TimeUnit.SECONDS);
            session.sendText("hello", org.eclipse.jetty.websocket.api.Callback.NOOP);
            assertThat(received.texts.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: hello");
            assertThat(serverSide.awaitOpen().upgradeRequest().protocol()).isEqualTo("HTTP/1.1");
            session.close();
        } finally {
            overHttp11.stop();
            overHttp2.stop();
            http.stop();
        }
    }
}
