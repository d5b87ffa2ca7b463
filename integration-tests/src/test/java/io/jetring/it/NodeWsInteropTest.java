package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.client.ws.WebSocketClient;
import io.jetring.client.ws.WebSocketRequest;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.testing.WebSocketRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Interop with a third-party implementation: Node's {@code ws} package, as client and as server. */
class NodeWsInteropTest {
    private JetServer server;
    private WebSocketRecorder serverSide;

    @BeforeAll
    static void installNodeWs() throws Exception {
        NodeProcess.setUp();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void startEchoServer() {
        serverSide = new WebSocketRecorder() {
            @Override
            public void onText(WebSocket ws, String text) {
                super.onText(ws, text);
                ws.sendText(text);
            }

            @Override
            public void onBinary(WebSocket ws, byte[] data) {
                super.onBinary(ws, data);
                ws.sendBinary(data);
            }
        };
        server = JetServer.run(request -> Response.ok("http"), ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> request.path().equals("/private") ? WebSocketUpgrade.reject(403)
                        : request.header("X-Client").orElse("").equals("node-ws")
                        ? WebSocketUpgrade.accept(serverSide, "v1.echo")
                        : WebSocketUpgrade.reject(400))
                .stopTimeout(Duration.ofSeconds(5)).build());
    }

    @Test
    void nodeWsTalksToOurServer() throws Exception {
        startEchoServer();
        try (NodeProcess node = NodeProcess.start("client.mjs", "ws://127.0.0.1:" + server.port() + "/echo", "echo")) {
            assertThat(node.nextLine()).isEqualTo("{\"event\":\"open\",\"protocol\":\"v1.echo\"}");
            assertThat(node.nextLine()).isEqualTo("{\"event\":\"message\",\"type\":\"text\",\"data\":\"héllo €\"}");
            assertThat(node.nextLine()).isEqualTo("{\"event\":\"message\",\"type\":\"binary\",\"data\":\"010203\"}");
            assertThat(node.nextLine()).isEqualTo("{\"event\":\"message\",\"type\":\"text\",\"data\":\"frag€ment\"}");
            assertThat(node.nextLine()).isEqualTo("{\"event\":\"pong\",\"data\":\"node-ping\"}");
            assertThat(node.nextLine()).isEqualTo("{\"event\":\"close\",\"code\":4100,\"reason\":\"node done\"}");
            assertThat(node.awaitExit()).isZero();
        }
        serverSide.assertNext("open");
        serverSide.assertNext("text:héllo €");
        serverSide.assertNext("binary:010203");
        serverSide.assertNext("text:frag€ment");
        assertThat(serverSide.next()).isEqualTo("ping:" + hex("node-ping"));
        serverSide.assertNext("close:4100:node done");
    }

    @Test
    void nodeWsSeesOurCloseCodesAndRefusals() throws Exception {
        startEchoServer();
        try (NodeProcess node = NodeProcess.start("client.mjs", "ws://127.0.0.1:" + server.port() + "/echo", "too-big")) {
            assertThat(node.nextLine()).startsWith("{\"event\":\"open\"");
            assertThat(node.nextLine()).startsWith("{\"event\":\"close\",\"code\":1009,");
        }
        try (NodeProcess refused = NodeProcess.start("client.mjs", "ws://127.0.0.1:" + server.port() + "/private", "echo")) {
            assertThat(refused.nextLine()).isEqualTo("{\"event\":\"refused\",\"status\":403}");
            assertThat(refused.awaitExit()).isZero();
        }
    }

    @Test
    void ourClientTalksToNodeWs() throws Exception {
        try (NodeProcess node = NodeProcess.start("server.mjs");
             WebSocketClient client = WebSocketClient.create()) {
            Matcher port = Pattern.compile("\\{\"port\":(\\d+)}").matcher(node.nextLine());
            assertThat(port.matches()).isTrue();
            WebSocketRecorder clientSide = new WebSocketRecorder();
            WebSocket ws = client.connect(WebSocketRequest.of("ws://127.0.0.1:" + port.group(1) + "/")
                            .withHeader("X-Client", "jetring").withSubprotocols("v1.echo"), clientSide)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(ws.subprotocol()).contains("v1.echo");
            clientSide.assertNext("open");
            clientSide.assertNext("text:hello jetring");

            ws.sendText("ünïcödé");
            clientSide.assertNext("text:ünïcödé");
            ws.sendBinary(new byte[] {(byte) 0xCA, (byte) 0xFE});
            clientSide.assertNext("binary:cafe");
            ws.ping("p".getBytes(StandardCharsets.UTF_8));
            clientSide.assertNext("pong:70");
            ws.sendText("close please");
            clientSide.assertNext("close:4200:node server done");
            assertThat(ws.isOpen()).isFalse();
        }
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
