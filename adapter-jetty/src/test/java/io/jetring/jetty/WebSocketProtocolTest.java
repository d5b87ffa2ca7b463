package io.jetring.jetty;

import static io.jetring.jetty.RawWebSocket.BINARY;
import static io.jetring.jetty.RawWebSocket.CONTINUATION;
import static io.jetring.jetty.RawWebSocket.PING;
import static io.jetring.jetty.RawWebSocket.PONG;
import static io.jetring.jetty.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.api.Response;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.testing.WebSocketRecorder;
import io.jetring.api.ws.WebSocketProtocolException;
import io.jetring.api.ws.WebSocketUpgrade;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a hand-written client can do wrong, and the RFC 6455 close code it gets for it. Jetty's parser
 * does the checking; these tests prove that the server is wired so that it does.
 */
class WebSocketProtocolTest {
    private JetServer server;
    private WebSocketServerTest.EchoRecorder serverSide;

    private RawWebSocket connect(WebSocketOptions options) throws Exception {
        serverSide = new WebSocketServerTest.EchoRecorder();
        server = JetServer.run(request -> Response.ok("http"), ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(serverSide)).websocket(options)
                .stopTimeout(Duration.ofSeconds(5)).build());
        RawWebSocket ws = RawWebSocket.connect(server.port(), "/echo");
        assertThat(ws.upgraded()).as(ws.handshakeResponse()).isTrue();
        return ws;
    }

    /** Connects a client that reads through a 4 KiB receive buffer to a server that answers pings and does nothing else. */
    private RawWebSocket connectQuiet(WebSocketOptions options, WebSocketListener listener) throws Exception {
        server = JetServer.run(request -> Response.ok("http"), ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(listener)).websocket(options)
                .stopTimeout(Duration.ofSeconds(5)).build());
        RawWebSocket ws = RawWebSocket.connect(server.port(), "/echo", 4096);
        assertThat(ws.upgraded()).as(ws.handshakeResponse()).isTrue();
        return ws;
    }

    /** {@code count} masked pings in one buffer, each carrying its number (from {@code first}) in 125 bytes. */
    private static byte[] pings(int first, int count, int payloadSize) {
        java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
        for (int i = first; i < first + count; i++) {
            byte[] payload = java.nio.ByteBuffer.allocate(payloadSize).putInt(i).array();
            batch.writeBytes(RawWebSocket.frame(true, PING, payload, true));
        }
        return batch.toByteArray();
    }

    private RawWebSocket connect() throws Exception {
        return connect(WebSocketOptions.defaults());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The server side reports the failure with its close code, then the close. */
    private void assertServerReported(int code) throws Exception {
        serverSide.assertNext("open");
        serverSide.assertNext("error:WebSocketProtocolException");
        assertThat(((WebSocketProtocolException) serverSide.error()).closeCode()).isEqualTo(code);
        assertThat(serverSide.nextStartingWith("close:")).startsWith("close:" + code + ":");
    }

    @Test
    void aTextMessageOverTheLimitCloses1009() throws Exception {
        try (RawWebSocket ws = connect()) {
            ws.send(true, TEXT, "x".repeat(64 * 1024 + 1).getBytes(StandardCharsets.UTF_8));
            assertThat(ws.readCloseCode()).isEqualTo(1009);
        }
        assertServerReported(1009);
    }

    @Test
    void aBinaryMessageOverTheLimitCloses1009EvenInSmallFragments() throws Exception {
        try (RawWebSocket ws = connect(WebSocketOptions.builder().maxBinaryMessageSize(DataSize.ofKibibytes(4)).build())) {
            byte[] fragment = new byte[1024];
            ws.send(false, BINARY, fragment);
            for (int i = 0; i < 4; i++) {
                ws.send(false, CONTINUATION, fragment);
            }
            ws.send(true, CONTINUATION, fragment);
            assertThat(ws.readCloseCode()).isEqualTo(1009);
        }
        assertServerReported(1009);
    }

    /** Connects to a server with {@code options} whose client offers permessage-deflate. */
    private RawWebSocket connectCompressing(WebSocketOptions options) throws Exception {
        serverSide = new WebSocketServerTest.EchoRecorder();
        server = JetServer.run(request -> Response.ok("http"), ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(serverSide)).websocket(options)
                .stopTimeout(Duration.ofSeconds(5)).build());
        RawWebSocket ws = RawWebSocket.connect(server.port(), "/echo", "Sec-WebSocket-Extensions: permessage-deflate");
        assertThat(ws.upgraded()).as(ws.handshakeResponse()).isTrue();
        assertThat(ws.handshakeResponse()).as("the server accepts the extension")
                .containsIgnoringCase("Sec-WebSocket-Extensions: permessage-deflate");
        return ws;
    }

    @Test
    void permessageDeflateIsNegotiatedAndACompressedMessageArrivesInflated() throws Exception {
        try (RawWebSocket ws = connectCompressing(WebSocketOptions.defaults())) {
            ws.send(true, TEXT | RawWebSocket.RSV1, RawWebSocket.deflate("hello, hello, hello".getBytes(StandardCharsets.UTF_8)));
            serverSide.assertNext("open");
            serverSide.assertNext("text:hello, hello, hello");
        }
    }

    @Test
    void theMessageLimitAppliesToTheInflatedSizeOfACompressedMessage() throws Exception {
        // 1 MiB of one letter compresses to about a kilobyte: small on the wire, 16 times the limit inflated.
        byte[] inflated = "a".repeat(1024 * 1024).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = RawWebSocket.deflate(inflated);
        assertThat(compressed.length).as("compressed size").isLessThan(4096);
        try (RawWebSocket ws = connectCompressing(WebSocketOptions.defaults())) {
            ws.send(true, TEXT | RawWebSocket.RSV1, compressed);
            assertThat(ws.readCloseCode()).isEqualTo(1009);
        }
        assertServerReported(1009);
    }

    @Test
    void aMessageExactlyAtTheLimitPasses() throws Exception {
        try (RawWebSocket ws = connect(WebSocketOptions.builder().maxMessageSize(DataSize.ofKibibytes(4)).build())) {
            ws.send(true, BINARY, new byte[4096]);
            RawWebSocket.Frame echo = ws.read();
            assertThat(echo.opcode()).isEqualTo(BINARY);
            assertThat(echo.payload()).hasSize(4096);
        }
    }

    @Test
    void invalidUtf8Closes1007() throws Exception {
        try (RawWebSocket ws = connect()) {
            ws.send(true, TEXT, new byte[] {'o', 'k', (byte) 0xC3, 0x28});
            assertThat(ws.readCloseCode()).isEqualTo(1007);
        }
        assertServerReported(1007);
    }

    @Test
    void invalidUtf8AcrossFragmentsCloses1007() throws Exception {
        try (RawWebSocket ws = connect()) {
            ws.send(false, TEXT, new byte[] {'a', (byte) 0xE2, (byte) 0x82});
            ws.send(true, CONTINUATION, new byte[] {'(', 'b'});
            assertThat(ws.readCloseCode()).isEqualTo(1007);
        }
        assertServerReported(1007);
    }

    @Test
    void anUnmaskedClientFrameCloses1002() throws Exception {
        try (RawWebSocket ws = connect()) {
            ws.send(true, TEXT, "hi".getBytes(StandardCharsets.UTF_8), false);
            assertThat(ws.readCloseCode()).isEqualTo(1002);
        }
        assertServerReported(1002);
    }

    static java.util.stream.Stream<Arguments> violations() {
        return java.util.stream.Stream.of(
                Arguments.of("reserved opcode 0x3", RawWebSocket.frame(true, 0x3, new byte[1], true)),
                Arguments.of("fragmented ping", RawWebSocket.frame(false, PING, new byte[1], true)),
                Arguments.of("ping over 125 bytes", RawWebSocket.frame(true, PING, new byte[126], true)),
                Arguments.of("continuation without a start", RawWebSocket.frame(true, CONTINUATION, new byte[1], true)),
                Arguments.of("RSV1 set without an extension", rsv1(RawWebSocket.frame(true, TEXT, new byte[] {'a'}, true))));
    }

    private static byte[] rsv1(byte[] frame) {
        byte[] copy = Arrays.copyOf(frame, frame.length);
        copy[0] |= 0x40;
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void protocolViolationsClose1002(String name, byte[] frame) throws Exception {
        try (RawWebSocket ws = connect()) {
            ws.socket().getOutputStream().write(frame);
            assertThat(ws.readCloseCode()).isEqualTo(1002);
        }
        assertServerReported(1002);
    }

    @Test
    void aTextMessageSplitInsideACharacterIsAssembled() throws Exception {
        byte[] text = "price: 5€ – ok 😀".getBytes(StandardCharsets.UTF_8);
        int euro = indexOf(text, (byte) 0xE2);
        int emoji = indexOf(text, (byte) 0xF0);
        try (RawWebSocket ws = connect()) {
            // Split after the first byte of '€' and in the middle of the 4-byte emoji.
            ws.send(false, TEXT, Arrays.copyOfRange(text, 0, euro + 1));
            ws.send(false, CONTINUATION, Arrays.copyOfRange(text, euro + 1, emoji + 2));
            ws.send(true, CONTINUATION, Arrays.copyOfRange(text, emoji + 2, text.length));
            RawWebSocket.Frame echo = ws.read();
            assertThat(echo.opcode()).isEqualTo(TEXT);
            assertThat(echo.text()).isEqualTo("price: 5€ – ok 😀");
            ws.sendClose(1000);
            assertThat(ws.readCloseCode()).isEqualTo(1000);
        }
        serverSide.assertNext("open");
        serverSide.assertNext("text:price: 5€ – ok 😀");
        serverSide.assertNext("close:1000:");
    }

    @Test
    void controlFramesMayComeBetweenFragmentsAndPingsAreAnswered() throws Exception {
        try (RawWebSocket ws = connect()) {
            ws.send(false, TEXT, "hel".getBytes(StandardCharsets.UTF_8));
            ws.send(true, PING, "p".getBytes(StandardCharsets.UTF_8));
            ws.send(true, CONTINUATION, "lo".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame pong = ws.read();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.text()).isEqualTo("p");
            assertThat(ws.read().text()).isEqualTo("hello");
        }
        serverSide.assertNext("open");
        serverSide.assertNext("ping:70");
        serverSide.assertNext("text:hello");
    }

    @Test
    void pingsFromAPeerThatDoesNotReadAreAnsweredByOnePongForTheLatest() throws Exception {
        // 12 MiB of pongs: more than the socket buffers hold, so most pings arrive while a pong waits.
        int count = 100_000;
        try (RawWebSocket ws = connectQuiet(WebSocketOptions.defaults(), new WebSocketListener() { })) {
            for (int sent = 0; sent < count; sent += 1000) {
                ws.sendRaw(pings(sent, 1000, 125));
            }
            int pongs = 0;
            int last = -1;
            while (last != count - 1) {
                RawWebSocket.Frame frame = ws.read();
                assertThat(frame.opcode()).isEqualTo(PONG);
                pongs++;
                last = java.nio.ByteBuffer.wrap(frame.payload()).getInt();
            }
            assertThat(pongs).as("pongs for %d pings; the last answers the last ping", count).isLessThan(count);
        }
    }

    @Test
    void aPeerThatPingsWithoutReadingIsClosedWith1008() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder() {
            @Override
            public void onPing(io.jetring.api.ws.WebSocket ws, byte[] payload) {
                // not recorded: there are many
            }
        };
        WebSocketOptions options = WebSocketOptions.builder().idleTimeout(Duration.ofSeconds(1)).build();
        try (RawWebSocket ws = connectQuiet(options, recorder)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int sent = 0;
            try {
                // Paced, and at most 300,000 pings: a server that queued every pong would hold 40 MiB.
                while (System.nanoTime() < deadline && sent < 300_000) {
                    ws.sendRaw(pings(sent, 100, 125));
                    sent += 100;
                    Thread.sleep(1);
                }
                throw new AssertionError("still connected after " + sent + " pings that were never read");
            } catch (java.io.IOException closed) {
                // the server ended the connection
            }
        }
        recorder.assertNext("open");
        recorder.assertNext("error:WebSocketProtocolException");
        assertThat(((WebSocketProtocolException) recorder.error()).closeCode()).isEqualTo(1008);
        assertThat(recorder.nextStartingWith("close:")).isEqualTo("close:1008:pongs not read");
    }

    @Test
    void aCloseWithoutCodeIsReportedAs1005() throws Exception {
        try (RawWebSocket ws = connect()) {
            ws.send(true, RawWebSocket.CLOSE, new byte[0]);
            RawWebSocket.Frame answer = ws.read();
            assertThat(answer.opcode()).isEqualTo(RawWebSocket.CLOSE);
        }
        serverSide.assertNext("open");
        serverSide.assertNext("close:1005:");
    }

    @Test
    void aDroppedConnectionIsReportedAs1006() throws Exception {
        RawWebSocket ws = connect();
        serverSide.awaitOpen();
        ws.close();
        serverSide.assertNext("open");
        assertThat(serverSide.nextStartingWith("close:")).isEqualTo("close:1006:Session Closed");
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }
}
