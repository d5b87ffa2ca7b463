package io.jetring.engine;

import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketUpgrade;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The rules of a WebSocket response ({@code docs/SPEC.md} section 11.2), decided one way for every
 * engine: whether a request is a valid RFC 6455 handshake, whether a {@link Response#websocket}
 * answer may be carried out, and the root {@link WebSocketHandler} as an ordinary handler in front
 * of the application's. Engines then perform the upgrade their own way. Applications never use it.
 */
public final class Upgrades {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Upgrades() {
    }

    /**
     * Why {@code request} is not a valid RFC 6455 opening handshake (section 4.2.1), or empty if it
     * is: an HTTP/1.1 {@code GET} with {@code Upgrade: websocket}, {@code Connection: Upgrade},
     * {@code Sec-WebSocket-Version: 13} and a {@code Sec-WebSocket-Key} of 16 bytes in base64.
     */
    public static Optional<String> handshakeProblem(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return Optional.of("method " + request.method() + " with Upgrade " + request.headers().all("Upgrade")
                    + " (expected: GET with Upgrade: websocket)");
        }
        if (!"HTTP/1.1".equals(request.protocol())) {
            return Optional.of("protocol " + request.protocol() + " (expected: HTTP/1.1)");
        }
        if (!hasToken(request, "Connection", "upgrade")) {
            return Optional.of("Connection: " + request.headers().all("Connection") + " (expected: Upgrade)");
        }
        Optional<String> version = request.header("Sec-WebSocket-Version");
        if (version.isEmpty() || !version.get().trim().equals("13")
                || request.headers().all("Sec-WebSocket-Version").size() != 1) {
            return Optional.of("Sec-WebSocket-Version: " + request.headers().all("Sec-WebSocket-Version")
                    + " (expected: 13)");
        }
        Optional<String> key = request.header("Sec-WebSocket-Key");
        if (key.isEmpty() || request.headers().all("Sec-WebSocket-Key").size() != 1 || !isKey(key.get().trim())) {
            return Optional.of("Sec-WebSocket-Key: " + request.headers().all("Sec-WebSocket-Key")
                    + " (expected: 16 bytes in base64)");
        }
        return Optional.empty();
    }

    /** Whether {@code request} is a valid RFC 6455 opening handshake ({@link #handshakeProblem} is empty). */
    public static boolean isHandshake(Request request) {
        return request.isWebSocketUpgrade() && handshakeProblem(request).isEmpty();
    }

    /** Whether the client offered {@code subprotocol} in {@code Sec-WebSocket-Protocol}. */
    public static boolean offers(Request request, String subprotocol) {
        for (String value : request.headers().all("Sec-WebSocket-Protocol")) {
            for (String part : value.split(",")) {
                // Subprotocol names are compared exactly (RFC 6455 section 4.1).
                if (part.trim().equals(subprotocol)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Why the engine must not carry out {@code response} for {@code request}, or empty if it may (or
     * if the response is not a WebSocket one): a {@link BadRequestException} (400) for an upgrade
     * request whose handshake is not valid; an {@link IllegalStateException} (500) for a WebSocket
     * response to a request that is not an upgrade, or with a subprotocol the client did not offer.
     */
    public static Optional<RuntimeException> refusal(Request request, Response response) {
        if (response == null || !(response.body() instanceof Body.Upgrade upgrade)) {
            return Optional.empty();
        }
        if (!request.isWebSocketUpgrade()) {
            return Optional.of(new IllegalStateException("a WebSocket response to " + request.method() + " "
                    + request.path() + ", which is not an upgrade request (expected: Response.websocket only "
                    + "when request.isWebSocketUpgrade())"));
        }
        Optional<String> problem = handshakeProblem(request);
        if (problem.isPresent()) {
            return Optional.of(new BadRequestException("not a WebSocket handshake: " + problem.get()));
        }
        if (upgrade.subprotocol().isPresent() && !offers(request, upgrade.subprotocol().get())) {
            return Optional.of(new IllegalStateException("subprotocol: \"" + upgrade.subprotocol().get()
                    + "\" (expected: one the client offered: " + request.headers().all("Sec-WebSocket-Protocol") + ")"));
        }
        return Optional.empty();
    }

    /** {@code response}, or the {@link #refusal} thrown: for mapping a handler's stage. */
    public static Response checked(Request request, Response response) {
        Optional<RuntimeException> refusal = refusal(request, response);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        return response;
    }

    /** The {@code Sec-WebSocket-Accept} value that answers {@code key} (RFC 6455 section 4.2.2). */
    public static String acceptKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * The root WebSocket handler ({@code ServerOptions.websocketHandler}) in front of {@code http}:
     * a valid handshake goes to {@code websockets}, whose decision becomes a response
     * ({@link WebSocketUpgrade#toResponse()}); every other request goes to {@code http}. The result
     * has {@code http}'s form; when that is async, {@code websockets} (which may block) runs on the
     * request's {@link io.jetring.api.RequestContext#blockingExecutor() blocking executor}.
     */
    public static RingHandler withWebSocketHandler(RingHandler http, WebSocketHandler websockets) {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(websockets, "websockets");
        if (!http.isAsync()) {
            return new RingHandler() {
                @Override
                public Response handle(Request request) throws Exception {
                    return isHandshake(request) ? decide(websockets, request) : http.handle(request);
                }

                @Override
                public String toString() {
                    return "WebSocketHandler(" + websockets + ") before " + http;
                }
            };
        }
        return RingHandler.async(request -> {
            if (!isHandshake(request)) {
                return http.handleAsync(request);
            }
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return decide(websockets, request);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, request.context().blockingExecutor());
        });
    }

    private static Response decide(WebSocketHandler websockets, Request request) throws Exception {
        WebSocketUpgrade decision = websockets.handle(request);
        if (decision == null) {
            throw new NullPointerException("the WebSocket handler returned null (expected: a WebSocketUpgrade)");
        }
        return decision.toResponse();
    }

    private static boolean isKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a comma-separated list in any {@code name} field holds {@code token} (case-insensitive). */
    private static boolean hasToken(Request request, String name, String token) {
        for (String value : request.headers().all(name)) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
