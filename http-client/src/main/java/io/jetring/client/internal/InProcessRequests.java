package io.jetring.client.internal;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Request;
import io.jetring.api.RequestBody;
import io.jetring.api.RequestContext;
import io.jetring.client.ClientOptions;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Builds the {@link Request} a server would hand the handler for one in-process request; its
 * blocking executor is the client's pool, where sync handlers run too.
 */
final class InProcessRequests {
    private InProcessRequests() {
    }

    static Request toRing(InProcessHop hop, ClientOptions options, CookieHandler cookies, Executor executor)
            throws IOException {
        URI uri = hop.uri();
        Headers given = hop.headers();
        Headers.Builder headers = Headers.builder();
        if (!given.contains("Host")) {
            headers.add("Host", uri.getRawAuthority());
        }
        boolean upgrade = given.contains("Upgrade");
        given.forEach((name, value) -> {
            // Connection is the transport's, but it carries the upgrade token of a WebSocket handshake.
            if (!RequestBodies.isFraming(name) || (upgrade && name.equalsIgnoreCase("Connection"))) {
                headers.add(name, value);
            }
        });
        if (!given.contains("User-Agent")) {
            options.userAgent().ifPresent(agent -> headers.add("User-Agent", agent));
        }
        if (cookies != null) {
            List<String> values = cookies.get(uri, Map.of()).getOrDefault("Cookie", List.of());
            if (!values.isEmpty()) {
                headers.add("Cookie", String.join("; ", values));
            }
        }
        Body body = hop.body();
        RequestBody ringBody = body(body, executor);
        if (!(body instanceof Body.Empty) || RequestBodies.sendsEmptyBody(hop.method())) {
            if (!given.contains("Content-Type")) {
                headers.add("Content-Type", RequestBodies.contentType(given, body));
            }
            ringBody.contentLength().ifPresentOrElse(
                    length -> headers.add("Content-Length", Long.toString(length)),
                    () -> headers.add("Transfer-Encoding", "chunked"));
        }
        return Request.builder()
                .method(hop.method())
                .scheme(uri.getScheme())
                .serverName(uri.getHost())
                .serverPort(Urls.port(uri))
                .path(uri.getRawPath())
                .queryString(uri.getRawQuery())
                .headers(headers.build())
                .body(ringBody)
                .context(RequestContext.of(executor))
                .build();
    }

    private static RequestBody body(Body body, Executor executor) throws IOException {
        if (body instanceof Body.Empty) {
            return RequestBody.empty();
        }
        if (body instanceof Body.Bytes bytes) {
            return RequestBody.of(bytes.bytes());
        }
        if (body instanceof Body.Buffer buffer) {
            return RequestBody.of(buffer.toBytes());
        }
        if (body instanceof Body.Text text) {
            return RequestBody.of(text.text().getBytes(text.charset()));
        }
        if (body instanceof Body.Stream stream) {
            return new PublisherRequestBody(StreamPublisher.of(stream.stream(), executor), -1);
        }
        if (body instanceof Body.File file) {
            return new PublisherRequestBody(StreamPublisher.of(file, executor), file.size());
        }
        if (body instanceof Body.Publisher publisher) {
            return new PublisherRequestBody(publisher.publisher(), -1);
        }
        throw new IllegalStateException("unknown body variant " + body.getClass());
    }
}
