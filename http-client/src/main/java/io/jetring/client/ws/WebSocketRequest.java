package io.jetring.client.ws;

import io.jetring.api.Headers;
import io.jetring.api.InvalidArgumentException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a client asks for when it opens a WebSocket: the {@code ws://} or {@code wss://} URI, extra
 * headers for the upgrade request (authorization, cookies, an {@code Origin}), and the subprotocols
 * it offers, in order of preference.
 *
 * <pre>{@code
 * WebSocketRequest.of("wss://chat.example/rooms/7")
 *         .withHeader("Authorization", "Bearer " + token)
 *         .withSubprotocols("v2.chat", "v1.chat");
 * }</pre>
 *
 * @param uri          {@code ws://} or {@code wss://}, with a host
 * @param headers      extra headers; not the ones the handshake itself sets ({@code Connection},
 *                     {@code Upgrade}, {@code Sec-WebSocket-*})
 * @param subprotocols the subprotocols offered, as tokens; empty offers none
 */
public record WebSocketRequest(URI uri, Headers headers, List<String> subprotocols) {
    private static final Set<String> HANDSHAKE_HEADERS = Set.of("connection", "upgrade", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-accept", "sec-websocket-extensions", "sec-websocket-protocol");

    /** Validates the URI, the headers and the subprotocols. */
    public WebSocketRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        subprotocols = List.copyOf(subprotocols);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw InvalidArgumentException.of("uri", uri, "a ws:// or wss:// URI");
        }
        if (uri.getHost() == null) {
            throw InvalidArgumentException.of("uri", uri, "a URI with a host, such as ws://localhost:8080/ws");
        }
        if (uri.getRawFragment() != null) {
            throw InvalidArgumentException.of("uri", uri, "no #fragment (RFC 6455 section 3)");
        }
        for (String name : headers.names()) {
            if (HANDSHAKE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw InvalidArgumentException.of("header " + name, headers.first(name).orElse(""),
                        "none of Connection, Upgrade, Sec-WebSocket-*; the handshake sets them (use withSubprotocols)");
            }
        }
        for (String protocol : subprotocols) {
            if (protocol.isEmpty() || !protocol.chars().allMatch(WebSocketRequest::isTokenChar)) {
                throw InvalidArgumentException.of("subprotocol", "\"" + protocol + "\"", "an RFC 9110 token such as v2.chat");
            }
        }
    }

    /** A request for {@code uri} with no extra headers and no subprotocol. */
    public static WebSocketRequest of(URI uri) {
        return new WebSocketRequest(uri, Headers.of(), List.of());
    }

    /** A request for {@code uri} with no extra headers and no subprotocol. */
    public static WebSocketRequest of(String uri) {
        return of(URI.create(uri));
    }

    /** This request with header {@code name} set to {@code value}. */
    public WebSocketRequest withHeader(String name, String value) {
        return new WebSocketRequest(uri, headers.with(name, value), subprotocols);
    }

    /** This request with these extra headers instead. */
    public WebSocketRequest withHeaders(Headers headers) {
        return new WebSocketRequest(uri, headers, subprotocols);
    }

    /** This request offering these subprotocols, most preferred first. */
    public WebSocketRequest withSubprotocols(String... subprotocols) {
        return new WebSocketRequest(uri, headers, List.of(subprotocols));
    }

    private static boolean isTokenChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
