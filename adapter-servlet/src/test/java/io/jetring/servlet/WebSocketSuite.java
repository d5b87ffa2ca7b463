package io.jetring.servlet;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.jetty.RawWebSocket;
import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The WebSocket echo case, the same in every container: one {@link WebSocketHandler} beside a Ring
 * handler, driven by the JDK's WebSocket client. Every wait is bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WebSocketSuite {
    /** Above the 8 KiB message buffers Tomcat starts a session with, so the limit must be the bridge's. */
    static final DataSize LIMIT = DataSize.ofKibibytes(16);

    /** What each server listener saw close, {@code "code reason"}, by the {@code id} its client sent. */
    final Map<String, CompletableFuture<String>> serverCloses = new ConcurrentHashMap<>();
    final AtomicInteger ids = new AtomicInteger();
    /** The payloads of the pongs that answered the keep-alive pings. */
    final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    /** The listeners that hold their messages until the test lets them in, by client {@code id}. */
    final Map<String, CompletableFuture<Holder>> holders = new ConcurrentHashMap<>();
    HttpClient client;
    RunningServer server;

    /** The container under test. */
    protected abstract ContainerFixture fixture();

    @BeforeAll
    void start() throws Exception {
        RingHandler http = request -> Response.ok("http " + request.path());
        WebSocketHandler websockets = request -> switch (request.path()) {
            case "/ws/echo" -> WebSocketUpgrade.accept(new Echo(request.queryString().orElse("")));
            case "/ws/chat" -> WebSocketUpgrade.accept(new Echo(""), "chat");
            case "/ws/boom" -> throw new IllegalStateException("the WebSocket handler failed on purpose");
            case "/ws/ping" -> WebSocketUpgrade.accept(new WebSocketListener() {
                @Override
                public void onPong(WebSocket ws, byte[] payload) {
                    pongs.add(new String(payload, StandardCharsets.UTF_8));
                }
            });
            case "/ws/demand" -> WebSocketUpgrade.accept(new DemandingEcho());
            case "/ws/hold" -> WebSocketUpgrade.accept(new Holder(holder(request.queryString().orElse(""))));
            case "/ws/forbidden" -> WebSocketUpgrade.reject(Response.text(403, "no entry"));
            default -> WebSocketUpgrade.reject(404);
        };
        WebSocketOptions options = WebSocketOptions.builder().maxMessageSize(LIMIT)
                .pingInterval(Duration.ofMillis(200))
                .allowedOrigins("http://good.example").build();
        server = fixture().start(http, websockets, options);
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void textMessagesAreEchoedInOrder() throws Exception {
        Client ws = connect("/ws/echo");
        ws.socket.sendText("hello", true).get(10, SECONDS);
        ws.socket.sendText("wörld", true).get(10, SECONDS);
        assertThat(ws.next()).isEqualTo("text:hello");
        assertThat(ws.next()).isEqualTo("text:wörld");
        ws.socket.sendClose(1000, "").get(10, SECONDS);
        assertThat(ws.closed.get(10, SECONDS)).isEqualTo("1000 ");
    }

    @Test
    void aDemandingListenerGetsEveryMessageInOrder() throws Exception {
        Client ws = connect("/ws/demand");
        for (int i = 0; i < 20; i++) {
            ws.socket.sendText("m" + i, true).get(10, SECONDS);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(ws.next()).isEqualTo("text:m" + i);
        }
        ws.socket.sendClose(1000, "").get(10, SECONDS);
        ws.closed.get(10, SECONDS);
    }

    /**
     * A listener that does not demand holds the peer back: the server stops reading, TCP fills up and
     * the client's sends stop completing long before all of them are written, instead of the server
     * taking every message into memory. Once the listener demands, every message arrives, in order.
     */
    @Test
    void aListenerThatDoesNotDemandHoldsThePeerBackAndLosesNothing() throws Exception {
        int total = Holder.TOTAL;
        int size = 8 * 1024;
        Client ws = connect("/ws/hold");
        Holder holder = holders.computeIfAbsent(ws.id, id -> new CompletableFuture<>()).get(10, SECONDS);
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> allSent = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                ws.socket.sendBinary(ByteBuffer.wrap(Holder.message(i, size)), true).join();
                sent.incrementAndGet();
            }
        }, runnable -> {
            Thread writer = new Thread(runnable, "hold-writer");
            writer.setDaemon(true);
            writer.start();
        });

        // Until the sends stop making progress (two quiet seconds in a row) or all are written.
        int before = -1;
        int quiet = 0;
        for (int round = 0; round < 60 && quiet < 2 && !allSent.isDone(); round++) {
            int now = sent.get();
            quiet = now == before ? quiet + 1 : 0;
            before = now;
            try {
                allSent.get(1, SECONDS);
            } catch (java.util.concurrent.TimeoutException stillWriting) {
                // measured again next round
            }
        }
        assertThat(allSent).as("the client is held back: only %d of %d messages (%d MiB) written, nothing demanded",
                sent.get(), total, (long) total * size >> 20).isNotDone();
        assertThat(sent.get()).isLessThan(total / 2);
        assertThat(holder.received.get()).isZero();

        holder.ws.request(Long.MAX_VALUE);
        allSent.get(30, SECONDS);
        assertThat(holder.all.get(30, SECONDS)).as("every message, in order").isEqualTo(total);
        ws.socket.sendClose(1000, "").get(10, SECONDS);
        ws.closed.get(10, SECONDS);
    }

    /**
     * A listener that does not demand can still close, or abort, and the connection ends: the peer's
     * close reply is read although a message is waiting (under Tomcat: although reading was
     * suspended for it), and the server closes the TCP connection.
     */
    @Test
    void aListenerThatDoesNotDemandClosesAndTheConnectionEnds() throws Exception {
        for (String how : new String[] {"close", "abort"}) {
            String id = "id=raw-" + how;
            try (RawWebSocket raw = RawWebSocket.connect(server.baseUri().getPort(), "/ws/hold?" + id)) {
                assertThat(raw.upgraded()).as(raw.handshakeResponse()).isTrue();
                Holder holder = holder(id).get(10, SECONDS);
                raw.send(true, RawWebSocket.BINARY, Holder.message(0, 16));
                raw.send(true, RawWebSocket.BINARY, Holder.message(1, 16));
                if (how.equals("close")) {
                    holder.ws.close(1000, "bye");
                } else {
                    holder.ws.abort();
                }
                try {
                    raw.readCloseCode();
                    raw.sendClose(1000);
                } catch (java.io.IOException connectionAlreadyEnded) {
                    // an abort may end the TCP connection without a close frame
                }
                assertThat(raw.awaitEof()).as("%s: the server ends the connection", how).isTrue();
            }
        }
    }

    @Test
    void keepAlivePingsAreSentAndTheirPongsReported() throws Exception {
        Client ws = connect("/ws/ping");
        assertThat(pongs.poll(10, SECONDS)).as("a pong for the keep-alive ping").isNotNull();
        ws.socket.sendClose(1000, "").get(10, SECONDS);
        ws.closed.get(10, SECONDS);
    }

    @Test
    void binaryMessagesAreEchoed() throws Exception {
        Client ws = connect("/ws/echo");
        ws.socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}), true).get(10, SECONDS);
        assertThat(ws.next()).isEqualTo("binary:[0, 1, 2, -1]");
        ws.socket.sendClose(1000, "").get(10, SECONDS);
        ws.closed.get(10, SECONDS);
    }

    @Test
    void aRejectedUpgradeGetsTheHandlersStatus() {
        assertThat(handshakeStatus("/ws/forbidden")).isEqualTo(403);
        assertThat(handshakeStatus("/ws/unknown")).isEqualTo(404);
    }

    @Test
    void aHandlerThatThrowsRefusesWith500() {
        assertThat(handshakeStatus("/ws/boom")).isEqualTo(500);
    }

    @Test
    void anOriginNotAllowedIsRefusedWith403() throws Exception {
        assertThat(handshakeStatus("/ws/echo", "http://evil.example")).isEqualTo(403);
        java.net.http.WebSocket allowed = client.newWebSocketBuilder().header("Origin", "http://good.example")
                .buildAsync(ws("/ws/echo"), new Client()).get(10, SECONDS);
        allowed.abort();
    }

    @Test
    void theAcceptedSubprotocolIsAnswered() throws Exception {
        java.net.http.WebSocket chat = client.newWebSocketBuilder().subprotocols("chat", "other")
                .buildAsync(ws("/ws/chat"), new Client()).get(10, SECONDS);
        assertThat(chat.getSubprotocol()).isEqualTo("chat");
        chat.abort();
    }

    @Test
    void requestsThatAreNotUpgradesReachTheRingHandler() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/ws/echo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("http /ws/echo");
    }

    @Test
    void theClientsCloseCodeReachesTheListener() throws Exception {
        Client ws = connect("/ws/echo");
        ws.socket.sendClose(4001, "bye").get(10, SECONDS);
        assertThat(serverClose(ws).get(10, SECONDS)).as("the server listener's onClose").isEqualTo("4001 bye");
        assertThat(ws.closed.get(10, SECONDS)).startsWith("4001");
    }

    @Test
    void theListenersCloseCodeReachesTheClient() throws Exception {
        Client ws = connect("/ws/echo");
        ws.socket.sendText("close:4002", true).get(10, SECONDS);
        assertThat(ws.closed.get(10, SECONDS)).isEqualTo("4002 server bye");
        assertThat(serverClose(ws).get(10, SECONDS)).as("the server listener's onClose").startsWith("4002");
    }

    @Test
    void anAbortIsReportedAs1006AndEndsTheConnection() throws Exception {
        Client ws = connect("/ws/echo");
        ws.socket.sendText("abort", true).get(10, SECONDS);
        assertThat(serverClose(ws).get(10, SECONDS)).as("the server listener's onClose").startsWith("1006");
        // JetServer and Jetty drop the connection (the client reports 1006); Tomcat cannot, and sends 1001.
        assertThat(ws.closed.get(10, SECONDS)).matches("100[16] .*");
    }

    @Test
    void aMessageAtTheLimitIsEchoed() throws Exception {
        Client ws = connect("/ws/echo");
        String large = "y".repeat((int) LIMIT.bytes());
        ws.socket.sendText(large, true).get(10, SECONDS);
        assertThat(ws.next()).isEqualTo("text:" + large);
        ws.socket.sendBinary(ByteBuffer.wrap(new byte[(int) LIMIT.bytes()]), true).get(10, SECONDS);
        assertThat(ws.next()).startsWith("binary:[0, 0");
        ws.socket.sendClose(1000, "").get(10, SECONDS);
        ws.closed.get(10, SECONDS);
    }

    @Test
    void aBinaryMessageOverTheLimitClosesWith1009() throws Exception {
        Client ws = connect("/ws/echo");
        ws.socket.sendBinary(ByteBuffer.wrap(new byte[(int) LIMIT.bytes() + 1]), true).get(10, SECONDS);
        assertThat(ws.closed.get(10, SECONDS)).startsWith("1009");
        assertThat(serverClose(ws).get(10, SECONDS)).as("the server listener's onClose").startsWith("1009");
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        Client ws = connect("/ws/echo");
        ws.socket.sendText("x".repeat((int) LIMIT.bytes() + 1), true).get(10, SECONDS);
        assertThat(ws.closed.get(10, SECONDS)).startsWith("1009");
        assertThat(serverClose(ws).get(10, SECONDS)).as("the server listener's onClose").startsWith("1009");
    }

    private int handshakeStatus(String path) {
        return handshakeStatus(path, null);
    }

    private int handshakeStatus(String path, String origin) {
        java.net.http.WebSocket.Builder builder = client.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        CompletableFuture<java.net.http.WebSocket> attempt = builder.buildAsync(ws(path), new Client());
        Throwable failure = null;
        try {
            attempt.get(10, SECONDS).abort();
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (Exception e) {
            failure = e;
        }
        assertThat(failure).as("the handshake to %s fails", path).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure).getResponse().statusCode();
    }

    private Client connect(String path) throws Exception {
        Client listener = new Client();
        listener.id = "id=" + ids.incrementAndGet();
        listener.socket = client.newWebSocketBuilder().buildAsync(ws(path + "?" + listener.id), listener).get(10, SECONDS);
        return listener;
    }

    private CompletableFuture<Holder> holder(String id) {
        return holders.computeIfAbsent(id, key -> new CompletableFuture<>());
    }

    private CompletableFuture<String> serverClose(Client client) {
        return serverCloses.computeIfAbsent(client.id, id -> new CompletableFuture<>());
    }

    private URI ws(String path) {
        URI base = server.baseUri();
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
    }

    /** The server side: echoes, and closes on {@code close:<code>}. */
    private final class Echo implements WebSocketListener {
        private final String id;

        Echo(String id) {
            this.id = id;
        }

        @Override
        public void onText(WebSocket ws, String text) {
            if (text.equals("abort")) {
                ws.abort();
            } else if (text.startsWith("close:")) {
                ws.close(Integer.parseInt(text.substring("close:".length())), "server bye");
            } else {
                ws.sendText(text);
            }
        }

        @Override
        public void onBinary(WebSocket ws, byte[] data) {
            ws.sendBinary(data);
        }

        @Override
        public void onClose(WebSocket ws, int code, String reason) {
            serverCloses.computeIfAbsent(id, key -> new CompletableFuture<>()).complete(code + " " + reason);
        }
    }

    /**
     * Demands nothing until the test calls {@code ws.request}; then counts binary messages, each of
     * which starts with its index, and fails the count at the first one out of order.
     */
    static final class Holder implements WebSocketListener.Demanding {
        static final int TOTAL = 4096;
        private final CompletableFuture<Holder> opened;
        final AtomicInteger received = new AtomicInteger();
        final CompletableFuture<Integer> all = new CompletableFuture<>();
        volatile WebSocket ws;

        Holder(CompletableFuture<Holder> opened) {
            this.opened = opened;
        }

        static byte[] message(int index, int size) {
            return ByteBuffer.allocate(size).putInt(index).array();
        }

        @Override
        public void onOpen(WebSocket ws) {
            this.ws = ws;
            opened.complete(this);
        }

        @Override
        public void onBinary(WebSocket ws, byte[] data) {
            int expected = received.get();
            int index = ByteBuffer.wrap(data).getInt();
            if (index != expected) {
                all.completeExceptionally(new AssertionError("message " + index + " arrived where " + expected + " was due"));
            } else if (received.incrementAndGet() == TOTAL) {
                all.complete(received.get());
            }
        }
    }

    /**
     * Asks for one message at a time, and for the next only once the echo is written: messages that
     * arrive before that must wait (in a servlet container, which reads regardless, they queue).
     */
    private static final class DemandingEcho implements WebSocketListener.Demanding {
        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public void onText(WebSocket ws, String text) {
            ws.sendText(text).thenRun(() -> ws.request(1));
        }
    }

    /** The JDK client's side: collects whole messages and the close. */
    private static final class Client implements java.net.http.WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        java.net.http.WebSocket socket;
        String id;

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add("text:" + text);
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(java.net.http.WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            messages.add("binary:" + java.util.Arrays.toString(bytes));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(java.net.http.WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        String next() throws InterruptedException {
            String message = messages.poll(10, SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }
    }
}
