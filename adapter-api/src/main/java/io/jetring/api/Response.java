package io.jetring.api;

import io.jetring.api.ws.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Flow;

/**
 * An HTTP response as a value: status, headers and body. The static helpers build the common cases;
 * the {@code with…} methods derive new values.
 *
 * @param status  the status code, {@code 100..599}
 * @param headers the headers, sent as given; the server adds {@code Date} and the framing headers
 *                ({@code Content-Length} or chunked transfer) the body calls for
 * @param body    the body
 */
public record Response(int status, Headers headers, Body body) {
    private static final String TEXT_PLAIN = "text/plain;charset=utf-8";

    /** Validates the status and requires every field; a WebSocket body goes with {@code 101} only. */
    public Response {
        if (status < 100 || status > 599) {
            throw InvalidArgumentException.of("status", status, "100..599");
        }
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        if ((status == 101) != (body instanceof Body.Upgrade)) {
            throw InvalidArgumentException.of("status", status, status == 101
                    ? "101 only with a WebSocket body: Response.websocket(listener)"
                    : "101 with a WebSocket body: Response.websocket(listener)");
        }
    }

    /** A response from its three parts. */
    public static Response of(int status, Headers headers, Body body) {
        return new Response(status, headers, body);
    }

    /** {@code 200} with this text as {@code text/plain;charset=utf-8}. */
    public static Response ok(String text) {
        return text(200, text);
    }

    /** {@code 200} with these bytes and no content type. */
    public static Response ok(byte[] bytes) {
        return new Response(200, Headers.of(), Body.of(bytes));
    }

    /** {@code 200} with this body and no content type. */
    public static Response ok(Body body) {
        return new Response(200, Headers.of(), body);
    }

    /** {@code 200} with a chunked body from this publisher. */
    public static Response stream(Flow.Publisher<byte[]> publisher) {
        return ok(Body.of(publisher));
    }

    /** {@code 200} with a chunked body read from this stream. */
    public static Response stream(InputStream stream) {
        return ok(Body.of(stream));
    }

    /**
     * {@code 200} with the file, a content type guessed from its name and the file's validators:
     * {@code ETag} (from its size and modification time) and {@code Last-Modified}; or {@code 404}
     * if it is not a readable regular file. Reads the file's attributes, so call it where blocking is
     * allowed (a sync handler, or an async one's {@code request.context().blockingExecutor()}).
     *
     * <p>{@code file} must not be built from the request path by hand: {@code root.resolve(path)}
     * serves {@code /../secret} and symbolic links out of {@code root}. Serve a folder with the
     * middleware module's {@code StaticFiles}, which also answers conditional and range requests.
     */
    public static Response file(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | UnsupportedOperationException e) {
            return notFound();
        }
        if (!attributes.isRegularFile() || !Files.isReadable(file)) {
            return notFound();
        }
        String type = URLConnection.guessContentTypeFromName(file.getFileName().toString());
        Headers.Builder headers = Headers.builder();
        if (type != null) {
            headers.add("Content-Type", type);
        }
        headers.add("ETag", fileTag(attributes)).add("Last-Modified",
                HttpDate.format(attributes.lastModifiedTime().toInstant()));
        return new Response(200, headers.build(), Body.of(file, 0, attributes.size()));
    }

    /**
     * The strong entity tag of a file with these attributes: its modification time in microseconds
     * and its size, in hex ({@code "5f1c2a3b4d5e6-1a2b"}). It changes whenever either does; two files
     * with the same pair share it, as in nginx and Jetty.
     */
    public static String fileTag(BasicFileAttributes attributes) {
        long micros = attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS);
        return "\"" + Long.toHexString(micros) + "-" + Long.toHexString(attributes.size()) + "\"";
    }

    /** This status with no body. */
    public static Response status(int status) {
        return new Response(status, Headers.of(), Body.empty());
    }

    /** This status with this text as {@code text/plain;charset=utf-8}. */
    public static Response text(int status, String text) {
        return new Response(status, Headers.of("Content-Type", TEXT_PLAIN), Body.of(text));
    }

    /** {@code 404} with the text {@code Not Found}. */
    public static Response notFound() {
        return text(404, "Not Found");
    }

    /** {@code 400} with this text. */
    public static Response badRequest(String text) {
        return text(400, text);
    }

    /** {@code 302 Found} to {@code location}. */
    public static Response redirect(String location) {
        return redirect(location, 302);
    }

    /** A redirect with one of {@code 301, 302, 303, 307, 308} to {@code location}. */
    public static Response redirect(String location, int status) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            throw InvalidArgumentException.of("redirect status", status, "one of 301, 302, 303, 307, 308");
        }
        return new Response(status, Headers.of("Location", location), Body.empty());
    }

    /**
     * Accepts a WebSocket upgrade: {@code 101 Switching Protocols}, then {@code listener} gets the
     * connection's events (Ring 1.11's websocket response). Answer only a request that
     * {@link Request#isWebSocketUpgrade() asks for one}; the engine completes the handshake, or
     * answers {@code 400} if the request's handshake is not valid. Headers added to this response
     * ({@code Set-Cookie}, say) are sent with the {@code 101}.
     */
    public static Response websocket(WebSocketListener listener) {
        return new Response(101, Headers.of(), new Body.Upgrade(listener, Optional.empty()));
    }

    /**
     * Accepts a WebSocket upgrade with {@code subprotocol}, which must be one the client offered in
     * {@code Sec-WebSocket-Protocol} (else the upgrade fails with {@code 500}).
     */
    public static Response websocket(WebSocketListener listener, String subprotocol) {
        return new Response(101, Headers.of(), new Body.Upgrade(listener, Optional.of(subprotocol)));
    }

    /** Whether this response accepts a WebSocket upgrade (its body is {@link Body.Upgrade}). */
    public boolean isWebSocket() {
        return body instanceof Body.Upgrade;
    }

    /** The first value of header {@code name}. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** This response with another status. */
    public Response withStatus(int status) {
        return new Response(status, headers, body);
    }

    /** This response with other headers. */
    public Response withHeaders(Headers headers) {
        return new Response(status, headers, body);
    }

    /** This response with header {@code name} set to {@code value}, replacing any of that name. */
    public Response withHeader(String name, String value) {
        return new Response(status, headers.with(name, value), body);
    }

    /** This response with one more header field (for {@code Set-Cookie} and other repeatable ones). */
    public Response addHeader(String name, String value) {
        return new Response(status, headers.withAdded(name, value), body);
    }

    /** This response without any header named {@code name}. */
    public Response withoutHeader(String name) {
        return new Response(status, headers.without(name), body);
    }

    /** This response with {@code Content-Type} set. */
    public Response withContentType(String contentType) {
        return withHeader("Content-Type", contentType);
    }

    /** This response with another body. */
    public Response withBody(Body body) {
        return new Response(status, headers, body);
    }
}
