package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketRecorder;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;

/** A WebSocket over an HTTP/2 stream (RFC 8441 extended CONNECT), from Jetty's own client over h2c. */
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
    void theWebSocketHandlerServesHttp2Streams() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder() {
            @Override
            public void onText(WebSocket ws, String text) {
                super.onText(ws, text);
                ws.sendText("h2: " + text);
            }
        };
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        WebSocketClient client = new WebSocketClient(http);
        try (JetServer server = JetServer.run(request -> Response.ok("http"), ServerOptions.builder()
                .host("127.0.0.1").port(0).websocketHandler(request -> WebSocketUpgrade.accept(serverSide)).build())) {
            http.start();
            client.start();
            ClientUpgradeRequest upgrade = new ClientUpgradeRequest(URI.create("ws://127.0.0.1:" + server.port() + "/h2"));
            upgrade.setHttpVersion("HTTP/2.0");
            Received received = new Received();
            Session session = client.connect(received, upgrade).get(10, TimeUnit.SECONDS);
            session.sendText("hello", org.eclipse.jetty.websocket.api.Callback.NOOP);

            assertThat(received.texts.poll(10, TimeUnit.SECONDS)).isEqualTo("h2: hello");
            WebSocket ws = serverSide.awaitOpen();
            assertThat(ws.upgradeRequest().protocol()).isEqualTo("HTTP/2.0");
            assertThat(ws.upgradeRequest().method()).isEqualTo("CONNECT");
            session.close();
            serverSide.assertNext("open");
            serverSide.assertNext("text:hello");
            serverSide.assertNext("close:1000:");
        } finally {
            client.stop();
            http.stop();
        }
    }
}
