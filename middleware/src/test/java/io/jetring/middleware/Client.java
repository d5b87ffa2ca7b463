package io.jetring.middleware;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A JDK HTTP/1.1 client with bounded waits and no cookie jar: the tests carry cookies by hand. */
final class Client {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Client() {
    }

    /** {@code GET uri} with alternating header names and values. */
    static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        return send("GET", uri, new byte[0], headers);
    }

    /** {@code POST uri} with this text body and headers. */
    static HttpResponse<String> post(URI uri, String body, String... headers) throws Exception {
        return send("POST", uri, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** One raw HTTP/1.1 exchange ({@code Connection: close} is added); the whole answer as text. */
    static String raw(io.jetring.servlet.testing.RunningServer server, String head, String body) throws Exception {
        try (io.jetring.testing.RawHttp raw = io.jetring.testing.RawHttp.connect(server.baseUri())) {
            raw.send(head + "\r\nHost: x\r\nConnection: close\r\n" + (body.isEmpty() ? ""
                    : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n") + "\r\n");
            raw.send(body.getBytes(StandardCharsets.UTF_8));
            return new String(raw.readUntilClose().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code POST path} of {@code body} written on a thread of its own, the answer read meanwhile: for
     * a server that answers before it has read the body (and may close without reading it).
     */
    static String rawPost(io.jetring.servlet.testing.RunningServer server, String path, String contentType, byte[] body)
            throws Exception {
        try (io.jetring.testing.RawHttp raw = io.jetring.testing.RawHttp.connect(server.baseUri())) {
            raw.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n");
            Thread writer = new Thread(() -> {
                try {
                    raw.send(body);
                } catch (java.io.IOException closedByServer) {
                    // the answer, already on its way, is what the test reads
                }
            }, "raw-post");
            writer.setDaemon(true);
            writer.start();
            return raw.readUntilClose();
        }
    }

    /** One exchange; the answer as UTF-8 text. */
    static HttpResponse<String> send(String method, URI uri, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
