package io.jetring.examples;

import io.jetring.api.DataSize;
import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.client.ws.WebSocketClient;
import io.jetring.client.ws.WebSocketRequest;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The examples of {@code docs/websocket.md}, kept here so that the build compiles them and a test
 * runs them against each other. Keep the two in step.
 */
public final class WebSocketGuide {
    private WebSocketGuide() {
    }

    /** The guide's server: {@code /ws/shout} answers in capitals, for callers with the token. */
    public static JetServer server(int port) {
        WebSocketListener shout = new WebSocketListener() {
            @Override
            public void onText(WebSocket ws, String text) {
                ws.sendText(text.toUpperCase(Locale.ROOT));
            }
        };
        WebSocketHandler websockets = request -> switch (request.path()) {
            case "/ws/shout" -> request.header("Authorization").equals(Optional.of("Bearer s3cret"))
                    ? WebSocketUpgrade.accept(shout)
                    : WebSocketUpgrade.reject(Response.text(401, "Unauthorized"));
            case "/ws/echo" -> WebSocketUpgrade.accept(WebSocketEcho.listener());
            default -> WebSocketUpgrade.reject(Response.notFound());
        };
        ServerOptions options = ServerOptions.builder()
                .port(port)
                .websocketHandler(websockets)
                .websocket(WebSocketOptions.builder()
                        .maxTextMessageSize(DataSize.ofKibibytes(16))
                        .pingInterval(Duration.ofSeconds(20))
                        .build())
                .build();
        return JetServer.run(request -> Response.ok("plain HTTP on the same port"), options);
    }

    /** The guide's client: sends one line to {@code uri} with {@code token} and returns the answer. */
    public static String shout(URI uri, String token, String line) throws Exception {
        try (WebSocketClient client = WebSocketClient.create()) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            WebSocket ws = client.connect(WebSocketRequest.of(uri).withHeader("Authorization", "Bearer " + token),
                            new WebSocketListener() {
                                @Override
                                public void onText(WebSocket ws, String text) {
                                    answer.complete(text);
                                }

                                @Override
                                public void onClose(WebSocket ws, int code, String reason) {
                                    answer.completeExceptionally(new IllegalStateException("closed: " + code));
                                }
                            })
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            ws.sendText(line);
            String result = answer.get(10, TimeUnit.SECONDS);
            ws.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return result;
        }
    }
}
