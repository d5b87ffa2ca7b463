package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.ws.WebSocketOptions;
import io.jetring.examples.DemoApp;
import io.jetring.jetty.RawWebSocket;
import io.jetring.jetty.ServerOptions;
import io.jetring.testing.JetServerExtension;
import io.jetring.testing.RawHttp;
import io.jetring.jetty.testing.RawHttp2;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on the demo that are more than one request's bytes (those are in {@code bad-requests.txt}):
 * floods, trickles and HTTP/2 frames. Each case was once a defect; each ends by checking that the
 * server still answers {@code /hello}.
 */
class AttackCorpusTest {
    @RegisterExtension
    static JetServerExtension server = JetServerExtension.of(DemoApp.handler(), ServerOptions.builder()
            .websocket(WebSocketOptions.builder().idleTimeout(Duration.ofSeconds(1)).build())
            .requestHeaderTimeout(Duration.ofSeconds(1))
            .build());

    @AfterEach
    void stillHealthy() throws Exception {
        assertThat(server.get("/hello").body()).as("/hello after the attack").isEqualTo("Hello, World!");
    }

    /** Pings sent as fast as the socket takes them by a client that never reads a pong: cut off (1008). */
    @ParameterizedTest
    @ValueSource(strings = {"/ws/echo", "/rpc"})
    void aPingFloodWithoutReadingIsCutOff(String path) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.baseUri().getPort(), path, 4096)) {
            assertThat(ws.upgraded()).as(ws.handshakeResponse()).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int sent = 0;
            try {
                while (System.nanoTime() < deadline && sent < 300_000) {
                    ws.sendRaw(pings(sent, 100));
                    sent += 100;
                    Thread.sleep(1);
                }
                throw new AssertionError("still connected after " + sent + " pings that were never read");
            } catch (IOException closed) {
                // the server ended the connection; what it sent last is its close frame, behind the pongs
            }
            // The close frame (1008, proved in adapter-jetty's WebSocketProtocolTest) waits behind the unread
            // pongs and may be lost when the server gives up on the connection; if it arrives, it says 1008.
            int code = 0;
            try {
                code = ws.readCloseCode();
            } catch (IOException cut) {
                // the connection ended without it
            }
            assertThat(code).as("close code, if the close frame arrived").isIn(0, 1008);
        }
    }

    private static byte[] pings(int first, int count) {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = first; i < first + count; i++) {
            batch.writeBytes(RawWebSocket.frame(true, RawWebSocket.PING, ByteBuffer.allocate(125).putInt(i).array(), true));
        }
        return batch.toByteArray();
    }

    /** A slowloris that sends nothing but empty lines, which start no request: cut at the header deadline. */
    @Test
    void aClientSendingOnlyEmptyLinesIsCutOff() throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.socket().setSoTimeout(100);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            try {
                while (System.nanoTime() < deadline) {
                    raw.send("\r\n");
                    try {
                        if (raw.socket().getInputStream().read() < 0) {
                            return;
                        }
                    } catch (SocketTimeoutException stillOpen) {
                        // the pause between two lines
                    }
                }
            } catch (IOException closed) {
                return;
            }
            throw new AssertionError("a client sending only CRLF was still connected after 15 s");
        }
    }

    /** RFC 9113 section 8.2.2: a handler must never see an HTTP/2 request it could smuggle onwards. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"transfer-encoding,chunked", "upgrade,websocket", "keep-alive,timeout=5", "proxy-connection,keep-alive",
            "connection,keep-alive", "te,gzip"})
    void anHttp2RequestWithAConnectionSpecificHeaderIsRefused(String name, String value) throws Exception {
        try (RawHttp2 h2 = RawHttp2.connect(server.baseUri())) {
            h2.request(1, "POST", "/echo", false, name, value, "content-length", "5");
            h2.frame(RawHttp2.DATA, RawHttp2.END_STREAM, 1, "hello".getBytes());
            RawHttp2.Response refused = h2.response(1);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(new String(refused.body())).doesNotContain("hello");
        }
    }

    /** An oversized HTTP/2 header block costs its own connection, not the server. */
    @Test
    void anOversizedHttp2HeaderBlockEndsOnlyItsConnection() throws Exception {
        try (RawHttp2 h2 = RawHttp2.connect(server.baseUri())) {
            h2.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS | RawHttp2.END_STREAM, 1, RawHttp2.block(":method", "GET",
                    ":scheme", "http", ":authority", "x", ":path", "/hello", "x-big", "a".repeat(12 * 1024)));
            h2.await(RawHttp2.GOAWAY);
            assertThat(h2.awaitEof()).isTrue();
        }
    }

    /**
     * Two h2c connections that open stream after stream of {@code /stream} and grant no flow-control
     * window, so no response can progress: each gets at most the stream bound, and other clients are
     * served meanwhile.
     */
    @Test
    void streamsHoardedBehindAZeroWindowAreBounded() throws Exception {
        try (RawHttp2 first = RawHttp2.connect(server.baseUri(), RawHttp2.SETTINGS_INITIAL_WINDOW_SIZE, 0);
             RawHttp2 second = RawHttp2.connect(server.baseUri(), RawHttp2.SETTINGS_INITIAL_WINDOW_SIZE, 0)) {
            for (RawHttp2 h2 : new RawHttp2[] {first, second}) {
                for (int stream = 1; stream < 2 * 128; stream += 2) {
                    h2.request(stream, "GET", "/stream?chunks=16&size=65536", true);
                }
            }
            for (RawHttp2 h2 : new RawHttp2[] {first, second}) {
                RawHttp2.Frame refused = h2.await(RawHttp2.RST_STREAM);
                assertThat(refused.streamId()).as("a stream past the bound of 100 is refused").isGreaterThan(2 * 100 - 1);
            }
            assertThat(server.get("/hello").body()).as("/hello while the streams are held").isEqualTo("Hello, World!");
        }
    }
}
