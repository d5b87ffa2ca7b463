package io.jetring.rpc;

import static io.jetring.rpc.RpcFixture.WAIT_SECONDS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.client.ws.WebSocketClient;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.testing.WebSocketRecorder;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every malformed input of docs/rpc-protocol.md, sent by a raw peer: one documented outcome each.
 * Messages that cannot be read close the connection with a precise code and fail the calls waiting on
 * it; answers nobody waits for are dropped and the connection goes on.
 */
class MalformedInputTest {
    private static final HexFormat HEX = HexFormat.of();

    /** A server that holds "hold" requests forever, echoes the rest, and calls each new client once. */
    private static RpcFixture serverThatCallsItsClients(CompletableFuture<CompletionStage<byte[]>> call) {
        RpcHandler handler = request -> new String(request.payload(), UTF_8).equals("hold")
                ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(Optional.of(request.payload()));
        return RpcFixture.start(RpcServer.of(handler, RpcOptions.defaults(),
                connection -> call.complete(connection.request("are you there?".getBytes(UTF_8), Duration.ofMinutes(1)))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a text message              | text:hello           | 1003 | a text message (expected: binary messages only, the RPC wire format)",
        "an empty binary message     | ''                   | 1002 | malformed RPC message: an empty message (expected: a type byte)",
        "an unknown type             | 07 0000000000000001  | 1002 | malformed RPC message: type 0x07 (expected: 0x00, 0x01, 0x02, 0x03 or 0xFF)",
        "a request shorter than 9    | 01 00000001          | 1002 | malformed RPC message: a 5-byte message of type 0x01 (expected: at least 9 bytes, the type and the id)",
        "a reply shorter than 9      | 00 00                | 1002 | malformed RPC message: a 2-byte message of type 0x00 (expected: at least 9 bytes, the type and the id)",
        "a cancel longer than 9      | 03 0000000000000001 00 | 1002 | malformed RPC message: a 10-byte cancel (expected: exactly 9 bytes, the type and the id)",
        "an id already in flight     | 01 0000000000000001 686f6c64 | 1002 | request id 1 is already being handled (expected: an id not in use)",
    })
    void unreadableMessagesCloseTheConnectionAndFailItsCalls(String name, String input, int code, String reason) throws Exception {
        CompletableFuture<CompletionStage<byte[]>> serverCall = new CompletableFuture<>();
        try (RpcFixture fixture = serverThatCallsItsClients(serverCall)) {
            WebSocketRecorder peer = new WebSocketRecorder();
            WebSocket raw = fixture.raw(peer);
            peer.assertNext("open");
            peer.assertNext("binary:010000000000000001" + HEX.formatHex("are you there?".getBytes(UTF_8)));
            // A first "hold" request with id 1, for the duplicate-id case; harmless for the others.
            raw.sendBinary(HEX.parseHex("010000000000000001686f6c64"));

            if (input.startsWith("text:")) {
                raw.sendText(input.substring(5));
            } else {
                raw.sendBinary(HEX.parseHex(input.replace(" ", "")));
            }

            assertThat(peer.nextStartingWith("close:")).isEqualTo("close:" + code + ":" + reason);
            CompletionStage<byte[]> pending = serverCall.get(WAIT_SECONDS, TimeUnit.SECONDS);
            try {
                pending.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
                throw new AssertionError("the server's call succeeded");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(RpcClosedException.class)
                        .hasMessage("request 1: the connection was closed with " + code + ": the peer sent " + reason)
                        .hasCauseInstanceOf(RpcProtocolException.class);
            }
            Eventually.until("the server dropped the connection", () -> fixture.rpc.connections().isEmpty());
        }
    }

    @Test
    void answersAndCancelsNobodyWaitsForAreDroppedAndTheConnectionGoesOn() throws Exception {
        try (RpcFixture fixture = RpcFixture.start(RpcHandler.echo())) {
            WebSocketRecorder peer = new WebSocketRecorder();
            WebSocket raw = fixture.raw(peer);
            peer.assertNext("open");
            raw.sendBinary(new RpcFrame.Reply(77, new byte[] {1}).encode());
            raw.sendBinary(new RpcFrame.ErrorReply(78, "who asked?").encode());
            raw.sendBinary(new RpcFrame.Cancel(79).encode());
            raw.sendBinary(new RpcFrame.Request(80, new byte[] {(byte) 0xAB}).encode());
            peer.assertNext("binary:000000000000000050ab");
            assertThat(raw.isOpen()).isTrue();
        }
    }

    @Test
    void aClientThatReceivesGarbageClosesAndFailsItsCalls() throws Exception {
        WebSocketRecorder rawServer = new WebSocketRecorder();
        try (JetServer server = JetServer.run(request -> Response.ok(""), ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(rawServer)).build());
             WebSocketClient wsClient = WebSocketClient.create()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
            RpcConnection client = RpcConnection.connect(listener -> wsClient.connect(uri, listener))
                    .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            CompletionStage<byte[]> call = client.request(new byte[] {1}, Duration.ofMinutes(1));
            WebSocket ws = rawServer.awaitOpen();
            rawServer.assertNext("open");
            rawServer.assertNext("binary:01000000000000000101");

            ws.sendBinary(new byte[] {0x09});

            rawServer.assertNext("close:1002:malformed RPC message: type 0x09 (expected: 0x00, 0x01, 0x02, 0x03 or 0xFF)");
            try {
                call.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
                throw new AssertionError("the call succeeded");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(RpcClosedException.class).hasMessageContaining("type 0x09");
            }
            client.whenClosed().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(client.pendingCalls()).isZero();
        }
    }
}
