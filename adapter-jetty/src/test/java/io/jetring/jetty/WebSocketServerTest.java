package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.BadRequestException;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketClosedException;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.testing.WebSocketRecorder;
import io.jetring.api.ws.WebSocketUpgrade;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The server against the JDK's own WebSocket client. */
class WebSocketServerTest {
    private static final HttpClient JDK = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private JetServer server;

    /** A recorder that echoes what it receives. */
    static class EchoRecorder extends WebSocketRecorder {
        @Override
        public void onText(WebSocket ws, String text) {
            super.onText(ws, text);
            ws.sendText(text);
        }

        @Override
        public void onBinary(WebSocket ws, byte[] data) {
            super.onBinary(ws, data);
            ws.sendBinary(data);
        }
    }

    private JetServer start(RingHandler http, WebSocketHandler ws, WebSocketOptions options) {
        server = JetServer.run(http, ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(ws).websocket(options).stopTimeout(Duration.ofSeconds(5)).build());
        return server;
    }

    private JetServer start(WebSocketHandler ws) {
        return start(request -> Response.ok("http " + request.path()), ws, WebSocketOptions.defaults());
    }

    private URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    private java.net.http.WebSocket connect(String path, JdkWebSocketRecorder listener) throws Exception {
        return JDK.newWebSocketBuilder().buildAsync(ws(path), listener).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest(name = "async Ring handler: {0}")
    @ValueSource(booleans = {false, true})
    void echoesTextAsTextAndBinaryAsBinaryInOrderBesideHttp(boolean asyncRing) throws Exception {
        EchoRecorder serverSide = new EchoRecorder();
        RingHandler http = asyncRing
                ? RingHandler.async(request -> CompletableFuture.completedFuture(Response.ok("async http")))
                : request -> Response.ok("sync http");
        start(http, request -> WebSocketUpgrade.accept(serverSide), WebSocketOptions.defaults());

        JdkWebSocketRecorder client = new JdkWebSocketRecorder();
        java.net.http.WebSocket ws = connect("/echo", client);
        for (int i = 0; i < 50; i++) {
            ws.sendText("m" + i, true).get(10, TimeUnit.SECONDS);
        }
        ws.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xFF}), true).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 50; i++) {
            assertThat(client.next()).isEqualTo("text:m" + i);
        }
        assertThat(client.next()).isEqualTo("binary:0001ff");

        HttpResponse<String> plain = JDK.send(HttpRequest.newBuilder(server.uri().resolve("/echo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.body()).isEqualTo(asyncRing ? "async http" : "sync http");

        ws.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("close:1000:done");
        serverSide.assertNext("open");
        assertThat(serverSide.nextStartingWith("binary:")).isEqualTo("binary:0001ff");
        serverSide.assertNext("close:1000:done");
    }

    @Test
    void theHandlerSeesTheUpgradeRequestAndPicksASubprotocol() throws Exception {
        AtomicReference<Request> seen = new AtomicReference<>();
        WebSocketRecorder serverSide = new WebSocketRecorder();
        start(request -> {
            seen.set(request);
            return WebSocketUpgrade.accept(serverSide, "v2.chat");
        });
        java.net.http.WebSocket ws = JDK.newWebSocketBuilder()
                .header("X-Token", "t-1").subprotocols("v1.chat", "v2.chat")
                .buildAsync(ws("/rooms/7?user=ann"), new JdkWebSocketRecorder()).get(10, TimeUnit.SECONDS);

        assertThat(ws.getSubprotocol()).isEqualTo("v2.chat");
        WebSocket serverWs = serverSide.awaitOpen();
        assertThat(serverWs.subprotocol()).contains("v2.chat");
        Request request = seen.get();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.scheme()).isEqualTo("http");
        assertThat(request.path()).isEqualTo("/rooms/7");
        assertThat(request.queryParam("user")).contains("ann");
        assertThat(request.header("X-Token")).contains("t-1");
        assertThat(serverWs.upgradeRequest().path()).isEqualTo("/rooms/7");
        assertThat(serverWs.upgradeRequest().header("X-Token")).contains("t-1");
    }

    @Test
    void theHandlerRoutesAndRefusesWithAnHttpStatus() throws Exception {
        start(request -> switch (request.path()) {
            case "/echo" -> WebSocketUpgrade.accept(new EchoRecorder());
            case "/private" -> WebSocketUpgrade.reject(Response.text(403, "no"));
            case "/bad" -> throw new BadRequestException("token: missing (expected: ?token=…)");
            case "/bug" -> throw new IllegalStateException("bug");
            case "/null" -> null;
            case "/wrong-protocol" -> WebSocketUpgrade.accept(new EchoRecorder(), "not-offered");
            default -> WebSocketUpgrade.reject(Response.notFound());
        });
        assertThat(refusedStatus("/nowhere")).isEqualTo(404);
        assertThat(refusedStatus("/private")).isEqualTo(403);
        assertThat(refusedStatus("/bad")).isEqualTo(400);
        assertThat(refusedStatus("/bug")).isEqualTo(500);
        assertThat(refusedStatus("/null")).isEqualTo(500);
        assertThat(refusedStatus("/wrong-protocol")).isEqualTo(500);
        connect("/echo", new JdkWebSocketRecorder()).abort();
    }

    private int refusedStatus(String path) {
        CompletableFuture<java.net.http.WebSocket> attempt = JDK.newWebSocketBuilder()
                .buildAsync(ws(path), new JdkWebSocketRecorder());
        try {
            attempt.get(10, TimeUnit.SECONDS).abort();
            throw new AssertionError(path + ": the upgrade was accepted");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void onlyAllowedOriginsMayConnectWhenAListIsSet() throws Exception {
        start(request -> Response.ok("ok"), request -> WebSocketUpgrade.accept(new EchoRecorder()),
                WebSocketOptions.builder().allowedOrigins("https://app.example").build());
        CompletableFuture<java.net.http.WebSocket> evil = JDK.newWebSocketBuilder().header("Origin", "https://evil.example")
                .buildAsync(ws("/echo"), new JdkWebSocketRecorder());
        assertThatThrownBy(() -> evil.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));

        JDK.newWebSocketBuilder().header("Origin", "https://app.example")
                .buildAsync(ws("/echo"), new JdkWebSocketRecorder()).get(10, TimeUnit.SECONDS).abort();
        connect("/echo", new JdkWebSocketRecorder()).abort();
    }

    @Test
    void theServerClosesWithACodeAndSendsFailAfterwards() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder() {
            @Override
            public void onText(WebSocket ws, String text) {
                super.onText(ws, text);
                ws.close(4001, "bye " + text);
            }
        };
        start(request -> WebSocketUpgrade.accept(serverSide));
        JdkWebSocketRecorder client = new JdkWebSocketRecorder();
        connect("/", client).sendText("ann", true);

        assertThat(client.next()).isEqualTo("close:4001:bye ann");
        WebSocket serverWs = serverSide.awaitOpen();
        serverSide.assertNext("open");
        serverSide.assertNext("text:ann");
        serverSide.assertNext("close:4001:"); // the peer's answer: same code, no reason
        serverSide.assertNoMoreEvents(Duration.ofMillis(200));
        assertThat(serverWs.isOpen()).isFalse();
        assertThatThrownBy(() -> serverWs.sendText("late").toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(WebSocketClosedException.class).hasMessageContaining("close(4001) was called");
    }

    @Test
    void theServerPingsAndSeesThePong() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder();
        start(request -> WebSocketUpgrade.accept(serverSide));
        connect("/", new JdkWebSocketRecorder());
        serverSide.awaitOpen().ping("hi".getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        serverSide.assertNext("open");
        serverSide.assertNext("pong:6869");
    }
}
