package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.testing.JetServerExtension;
import io.jetring.testing.RawHttp;
import io.jetring.jetty.testing.RawHttp2;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests that the HTTP RFCs call malformed, or that carry framing the server cannot decode, are
 * refused before any handler runs: Jetty's parsers let these through.
 */
class MalformedRequestTest {
    static final AtomicInteger reached = new AtomicInteger();

    static final java.util.concurrent.CountDownLatch slowEntered = new java.util.concurrent.CountDownLatch(1);

    @RegisterExtension
    static JetServerExtension server = JetServerExtension.of(request -> {
        if (request.path().equals("/slow")) {
            slowEntered.countDown();
            Thread.sleep(500);
            return Response.ok("slow");
        }
        reached.incrementAndGet();
        if (request.path().equals("/headers")) {
            return Response.ok(request.headers().toString());
        }
        if (request.isWebSocketUpgrade()) {
            return Response.websocket(new WebSocketListener() { });
        }
        return Response.ok("body: " + new String(request.body().bytes().toCompletableFuture().join(), StandardCharsets.UTF_8));
    });

    /** RFC 9113 section 8.2.2: a request with a connection-specific field is malformed. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"transfer-encoding,chunked", "transfer-encoding,gzip", "upgrade,h2c", "upgrade,websocket",
            "keep-alive,timeout=5", "proxy-connection,keep-alive", "connection,keep-alive", "te,gzip", "te,'trailers, gzip'"})
    void anHttp2RequestWithAConnectionSpecificHeaderIsRefusedWith400(String name, String value) throws Exception {
        int before = reached.get();
        try (RawHttp2 h2 = RawHttp2.connect(server.baseUri())) {
            h2.request(1, "GET", "/", true, name, value);
            RawHttp2.Response refused = h2.response(1);
            assertThat(refused.status()).as("status for %s: %s", name, value).isEqualTo(400);
            assertThat(reached.get()).as("the handler never saw the request").isEqualTo(before);

            // A malformed request is an error of its stream alone: the connection serves the next one.
            h2.request(3, "GET", "/", true);
            RawHttp2.Response next = h2.response(3);
            assertThat(next.status()).isEqualTo(200);
            assertThat(new String(next.body(), StandardCharsets.UTF_8)).isEqualTo("body: ");
        }
    }

    @Test
    void anHttp2RequestWithTeTrailersIsServed() throws Exception {
        try (RawHttp2 h2 = RawHttp2.connect(server.baseUri())) {
            h2.request(1, "GET", "/", true, "te", "trailers");
            assertThat(h2.response(1).status()).isEqualTo(200);
        }
    }

    @Test
    void anH2cUpgradeFromHttp11IsServedWithoutItsHandshakeFields() throws Exception {
        // The JDK client upgrades a clear-text connection with Upgrade: h2c. Jetty hands the upgrading
        // request on as stream 1 with its HTTP/1.1 handshake fields, which make it no malformed request.
        HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> response = h2c.send(HttpRequest.newBuilder(server.uri("/headers")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).doesNotContainIgnoringCase("upgrade").doesNotContainIgnoringCase("http2-settings");
    }

    /**
     * Jetty 12.1.12 treats an HTTP/2 header block over {@code maxRequestHeaderSize} as an error of the
     * whole connection (HPACK decoding fails): no 431 on the stream, but a GOAWAY, and every other
     * stream of that connection is reset, even one whose handler already runs. The server itself
     * carries on: a new connection is served.
     */
    @Test
    void anOversizedHttp2HeaderBlockEndsItsConnectionAndNoOther() throws Exception {
        int before = reached.get();
        try (RawHttp2 h2 = RawHttp2.connect(server.baseUri())) {
            h2.request(1, "GET", "/slow", true);
            assertThat(slowEntered.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the slow handler runs").isTrue();
            // 12 KiB of one header: over the 8 KiB default, but within one 16 KiB frame.
            h2.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS | RawHttp2.END_STREAM, 3, RawHttp2.block(":method", "GET",
                    ":scheme", "http", ":authority", "x", ":path", "/", "x-big", "a".repeat(12 * 1024)));
            RawHttp2.Frame reset = h2.await(RawHttp2.RST_STREAM);
            assertThat(reset.streamId()).as("the stream in flight is reset").isEqualTo(1);
            // REFUSED_STREAM (said to mean "not processed", although its handler runs) or CANCEL.
            assertThat(reset.errorCode()).as("RST_STREAM error code").isIn(0x7, 0x8);
            RawHttp2.Frame goaway = h2.await(RawHttp2.GOAWAY);
            assertThat(goaway.errorCode()).as("GOAWAY error code").isEqualTo(0x7);   // REFUSED_STREAM
            assertThat(h2.awaitEof()).as("the connection is closed").isTrue();
        }
        assertThat(reached.get()).as("the handler never saw the request").isEqualTo(before);
        try (RawHttp2 h2 = RawHttp2.connect(server.baseUri())) {
            h2.request(1, "GET", "/", true);
            assertThat(h2.response(1).status()).isEqualTo(200);
        }
    }

    /** RFC 9112 section 6.1: a transfer coding the server does not understand gets 501. */
    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @ValueSource(strings = {"gzip, chunked", "deflate,chunked", "identity, chunked", "x-custom, chunked"})
    void aTransferCodingOtherThanChunkedAloneIs501AndTheBodyIsNotPassedOn(String codings) throws Exception {
        int before = reached.get();
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + codings + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            String answer = raw.readUntilClose();
            assertThat(answer).startsWith("HTTP/1.1 501 Not Implemented\r\n").contains("Connection: close\r\n")
                    .doesNotContain("hello");
            assertThat(answer.split("HTTP/1.1 ", -1)).as("one response, then the connection is closed").hasSize(2);
            assertThat(reached.get()).as("the handler never saw the request").isEqualTo(before);
        }
    }

    /** RFC 9112 section 6.1: Transfer-Encoding in an HTTP/1.0 message means faulty framing. */
    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @ValueSource(strings = {"chunked", "gzip, chunked"})
    void anHttp10RequestWithTransferEncodingIs400(String codings) throws Exception {
        int before = reached.get();
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("POST / HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: " + codings + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
            String answer = raw.readUntilClose();
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Transfer-Encoding in an HTTP/1.0 request")
                    .doesNotContain("hello");
            assertThat(reached.get()).as("the handler never saw the request").isEqualTo(before);
        }
    }

    @Test
    void chunkedAloneIsDecoded() throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
            assertThat(raw.readUntilClose()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("body: hello");
        }
    }

    /** RFC 6455 section 4.2.1: the key is 16 bytes in base64; anything else is a bad handshake. */
    @ParameterizedTest(name = "Sec-WebSocket-Key: {0}")
    @ValueSource(strings = {"x", "aGVsbG8=", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZXg=", "!!!!!!!!!!!!!!!!!!!!!!==",
            "dGhlIHNhbXBsZSBub25jZQ==dGhlIHNhbXBsZSBub25jZQ=="})
    void aWebSocketKeyThatIsNotSixteenBytesOfBase64Is400(String key) throws Exception {
        int before = reached.get();
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key + "\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 400 ");
        }
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 101 ");
        }
    }
}
