package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;


import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ETags}, {@link SecurityHeaders} and {@link ForwardedHeaders} over real sockets, around a
 * sync and an async application.
 */
abstract class HeadersSuite extends ContainerSuite {
    Path file;
    List<RunningServer> servers;

    @BeforeAll
    void start() throws Exception {
        file = Files.createTempFile("jetring-etag", ".txt");
        Files.writeString(file, "file contents");
        RingHandler app = request -> switch (request.path()) {
            case "/page" -> Response.ok("a dynamic page").withHeader("Cache-Control", "max-age=60");
            case "/buffer" -> Response.ok(io.jetring.api.Body.of(java.nio.ByteBuffer.wrap(
                    "a dynamic page".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            case "/tagged" -> Response.ok("tagged").withHeader("ETag", "W/\"mine\"");
            case "/file" -> Response.file(file);
            case "/frameable" -> Response.ok("embed me").withHeader("X-Frame-Options", "SAMEORIGIN");
            case "/stream" -> Response.stream(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
            case "/who" -> Response.ok(request.remoteAddr() + " " + request.remotePort() + " " + request.scheme() + " "
                    + request.serverName() + " " + request.serverPort() + " peer=" + ForwardedHeaders.peerAddress(request));
            default -> Response.notFound();
        };
        RingHandler asyncApp = RingHandler.async(request -> CompletableFuture.completedFuture(app.handle(request)));
        var stack = ForwardedHeaders.of().andThen(SecurityHeaders.of()).andThen(ETags.of());
        var distrust = ForwardedHeaders.of(ForwardedOptions.trusting("10.0.0.0/8"));
        servers = List.of(start(app.wrap(stack)), start(asyncApp.wrap(stack)), start(app.wrap(distrust)));
    }

    @AfterAll
    void deleteFile() throws Exception {
        Files.deleteIfExists(file);
    }

    @Test
    void dynamicBodiesGetATagAnd304() throws Exception {
        for (RunningServer server : servers.subList(0, 2)) {
            HttpResponse<byte[]> first = get(server.uri("/page"));
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
            assertThat(get(server.uri("/page")).headers().firstValue("ETag")).as("stable").hasValue(etag);

            String notModified = raw(server, "GET /page HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(notModified).startsWith("HTTP/1.1 304").containsIgnoringCase("ETag: " + etag + "\r\n")
                    .containsIgnoringCase("Cache-Control: max-age=60\r\n").doesNotContainIgnoringCase("Content-Length")
                    .endsWith("\r\n\r\n");
            assertThat(get(server.uri("/page"), "If-Match", "\"other\"").statusCode()).isEqualTo(412);
            assertThat(get(server.uri("/page"), "If-Match", etag).statusCode()).isEqualTo(200);
            assertThat(send("POST", server.uri("/page"), "If-Match", "\"other\"").statusCode())
                    .as("a write is the handler's to guard").isEqualTo(200);

            assertThat(get(server.uri("/tagged"), "If-None-Match", "\"mine\"").statusCode())
                    .as("the handler's own tag counts").isEqualTo(304);
            HttpResponse<byte[]> fileResponse = get(server.uri("/file"));
            assertThat(get(server.uri("/file"), "If-None-Match", fileResponse.headers().firstValue("ETag").orElseThrow())
                    .statusCode()).as("Response.file's validators").isEqualTo(304);
            assertThat(get(server.uri("/file"), "If-Modified-Since",
                    fileResponse.headers().firstValue("Last-Modified").orElseThrow()).statusCode()).isEqualTo(304);
            assertThat(get(server.uri("/stream")).headers().firstValue("ETag")).as("streams are not hashed").isEmpty();
            assertThat(get(server.uri("/buffer")).headers().firstValue("ETag")).as("a buffer is hashed like bytes")
                    .hasValue(etag);
            assertThat(get(server.uri("/buffer"), "If-None-Match", etag).statusCode()).isEqualTo(304);
        }
    }

    @Test
    void securityHeadersHaveSafeDefaults() throws Exception {
        for (RunningServer server : servers.subList(0, 2)) {
            HttpResponse<byte[]> response = get(server.uri("/page"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
            assertThat(response.headers().firstValue("Strict-Transport-Security")).as("not over HTTP").isEmpty();
            assertThat(response.headers().firstValue("Content-Security-Policy")).isEmpty();
            assertThat(get(server.uri("/frameable")).headers().allValues("X-Frame-Options"))
                    .as("the handler's own value wins").containsExactly("SAMEORIGIN");

            HttpResponse<byte[]> behindTls = get(server.uri("/page"), "X-Forwarded-Proto", "https");
            assertThat(behindTls.headers().firstValue("Strict-Transport-Security")).as("HTTPS as the proxy says")
                    .hasValue("max-age=31536000");
            assertThat(get(server.uri("/missing")).headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void forwardedHeadersFromATrustedProxy() throws Exception {
        for (RunningServer server : servers.subList(0, 2)) {
            assertThat(text(get(server.uri("/who"), "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https",
                    "X-Forwarded-Host", "shop.example.com")))
                    .isEqualTo("203.0.113.9 0 https shop.example.com 443 peer=127.0.0.1");
            assertThat(text(get(server.uri("/who"), "Forwarded",
                    "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=\"api.example.com:8443\"")))
                    .isEqualTo("2001:db8:cafe::17 4711 https api.example.com 8443 peer=127.0.0.1");
            assertThat(text(get(server.uri("/who"), "X-Forwarded-For", "198.51.100.1, 203.0.113.9, 127.0.0.2")))
                    .as("the first untrusted from the right").startsWith("203.0.113.9 0 http ");
            assertThat(text(get(server.uri("/who"), "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "gopher",
                    "X-Forwarded-Host", "bad host/with/slashes")))
                    .as("values that are not what they must be are ignored").startsWith("203.0.113.9 0 http 127.0.0.1 ");
        }
    }

    @Test
    void forwardedHeadersFromAnyoneElseAreIgnored() throws Exception {
        RunningServer untrusting = servers.get(2);
        String who = text(get(untrusting.uri("/who"), "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https",
                "Forwarded", "for=198.51.100.1;proto=https"));
        assertThat(who).startsWith("127.0.0.1 ").contains(" http 127.0.0.1 ").endsWith(" peer=127.0.0.1");
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

}
