package io.jetring.servlet.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A JDK HTTP/1.1 client with bounded waits, for the suites. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /** {@code GET uri}, body as bytes. */
    public static HttpResponse<byte[]> get(URI uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code GET uri}, body as UTF-8 text. */
    public static HttpResponse<String> getText(URI uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST uri} with {@code body}, answer as bytes. */
    public static HttpResponse<byte[]> post(URI uri, byte[] body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a WebSocket to {@code uri}, sends {@code text}, and returns the first text message that
     * comes back (within 10 s); the connection is then aborted.
     */
    public static String webSocketEcho(URI uri, String text) throws Exception {
        CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocket ws = CLIENT.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                echoed.complete(data.toString());
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            ws.sendText(text, true).get(10, TimeUnit.SECONDS);
            return echoed.get(10, TimeUnit.SECONDS);
        } finally {
            ws.abort();
        }
    }
}
