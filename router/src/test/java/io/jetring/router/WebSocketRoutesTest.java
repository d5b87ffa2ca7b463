package io.jetring.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WebSocket upgrades go through routes and their middleware, as HTTP requests do. */
class WebSocketRoutesTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static Router app() {
        Middleware auth = Middleware.around((request, next) -> request.header("Authorization").isPresent()
                ? next.apply(request) : Middleware.completed(Response.text(401, "Unauthorized")));
        WebSocketListener echo = new WebSocketListener() {
            @Override
            public void onText(WebSocket ws, String text) {
                ws.sendText("echo " + text);
            }
        };
        return Router.builder()
                .group("/ws", auth, ws -> ws.websocket("/echo/{room}", request -> Response.websocket(echo)))
                .build();
    }

    @Test
    void anAcceptedUpgradeEchoes() throws Exception {
        try (JetServer server = JetServer.run(app(), ServerOptions.builder().host("127.0.0.1").port(0).build())) {
            CompletableFuture<String> received = new CompletableFuture<>();
            java.net.http.WebSocket ws = CLIENT.newWebSocketBuilder().header("Authorization", "Bearer x")
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/echo/lobby"),
                            new java.net.http.WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                                    received.complete(data.toString());
                                    return null;
                                }
                            }).get(10, TimeUnit.SECONDS);
            ws.sendText("hi", true);
            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("echo hi");
            ws.abort();
        }
    }

    @Test
    void authMiddlewareRefusesTheUpgradeWith401() throws Exception {
        try (JetServer server = JetServer.run(app(), ServerOptions.builder().host("127.0.0.1").port(0).build())) {
            try {
                CLIENT.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/echo/lobby"),
                        new java.net.http.WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
                throw new AssertionError("the upgrade was accepted without credentials");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
                assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401);
            }
        }
    }

    @Test
    void aPlainGetGets426() throws Exception {
        try (JetServer server = JetServer.run(app(), ServerOptions.builder().host("127.0.0.1").port(0).build())) {
            HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> plain = http11.send(HttpRequest.newBuilder(server.uri().resolve("/ws/echo/lobby"))
                    .header("Authorization", "x").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(426);
            assertThat(plain.headers().firstValue("Upgrade")).hasValue("websocket");
        }
    }
}
