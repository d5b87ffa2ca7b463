package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketTimeoutException;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.testing.WebSocketRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timers and endings: graceful stop, keep-alive pings, idle timeout. */
class WebSocketLifecycleTest {
    private JetServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aGracefulStopClosesWebSocketsWith1001AfterInFlightHttpRequestsFinish() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        // Server-side events: what the clients see may arrive in either order, as they come on two connections.
        List<String> order = new CopyOnWriteArrayList<>();
        RingHandler http = RingHandler.async(request -> {
            slowStarted.countDown();
            // Longer than Jetty's one-second shutdown idle timeout, which requests and WebSockets must outlive.
            return CompletableFuture.supplyAsync(() -> {
                order.add("http answered slow done");
                return Response.ok("slow done");
            }, CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
        });
        WebSocketRecorder serverSide = new WebSocketRecorder() {
            @Override
            public void onClose(io.jetring.api.ws.WebSocket ws, int code, String reason) {
                order.add("websocket closed " + code);
                super.onClose(ws, code, reason);
            }
        };
        server = JetServer.run(http, ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(serverSide))
                .stopTimeout(Duration.ofSeconds(10)).build());

        // HTTP/1.1: the JDK 17 client fails in-flight h2c streams on the GOAWAY of a graceful stop.
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JdkWebSocketRecorder wsClient = new JdkWebSocketRecorder();
        jdk.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/"), wsClient)
                .get(10, TimeUnit.SECONDS);
        serverSide.awaitOpen();
        CompletableFuture<HttpResponse<String>> slow = jdk.sendAsync(
                HttpRequest.newBuilder(server.uri().resolve("/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        server.stop();

        assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow done");
        assertThat(wsClient.next()).isEqualTo("close:1001:server stopping");
        assertThat(order).containsExactly("http answered slow done", "websocket closed 1001");
        serverSide.assertNext("open");
        serverSide.assertNext("close:1001:server stopping"); // 1001 ends the connection once sent: our own status
    }

    @Test
    void keepAlivePingsAnAnsweringPeerAndDropsASilentOne() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder();
        server = JetServer.run(request -> Response.ok("http"), ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(serverSide))
                .websocket(WebSocketOptions.builder().pingInterval(Duration.ofMillis(500)).build()).build());
        try (RawWebSocket client = RawWebSocket.connect(server.port(), "/")) {
            for (int i = 0; i < 3; i++) {
                RawWebSocket.Frame ping = client.read();
                assertThat(ping.opcode()).isEqualTo(RawWebSocket.PING);
                client.send(true, RawWebSocket.PONG, ping.payload());
            }
            serverSide.assertNext("open");
            assertThat(serverSide.next()).startsWith("pong:");
            assertThat(serverSide.next()).startsWith("pong:");
            // Now the client stops answering: the next ping finds the last one unanswered.
            assertThat(client.awaitEof()).as("the server drops the silent peer").isTrue();
        }
        assertThat(serverSide.nextStartingWith("error:")).isEqualTo("error:WebSocketTimeoutException");
        assertThat(serverSide.error()).isInstanceOf(WebSocketTimeoutException.class).hasMessageContaining("pingInterval");
        assertThat(serverSide.nextStartingWith("close:")).startsWith("close:1006:");
    }

    @Test
    void pingsFromThePeerAreAnsweredAutomatically() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder();
        server = JetServer.run(request -> Response.ok("http"), ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(serverSide)).build());
        try (RawWebSocket client = RawWebSocket.connect(server.port(), "/")) {
            client.send(true, RawWebSocket.PING, "are you there".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame pong = client.read();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.text()).isEqualTo("are you there");
        }
        serverSide.assertNext("open");
        assertThat(serverSide.next()).startsWith("ping:");
    }

    @Test
    void anIdleConnectionIsClosedWith1001AfterTheIdleTimeout() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder();
        server = JetServer.run(request -> Response.ok("http"), ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(serverSide))
                .websocket(WebSocketOptions.builder().idleTimeout(Duration.ofMillis(300)).build()).build());
        try (RawWebSocket client = RawWebSocket.connect(server.port(), "/")) {
            assertThat(client.readCloseCode()).isEqualTo(1001);
        }
        serverSide.assertNext("open");
        serverSide.assertNext("error:WebSocketTimeoutException");
        assertThat(serverSide.nextStartingWith("close:")).startsWith("close:1001:");
    }
}
