package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.api.Response;
import io.jetring.api.ws.OverflowPolicy;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketOverflowException;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.testing.WebSocketRecorder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Backpressure both ways: a slow consumer stops the server reading; a slow peer fills a bounded queue. */
class WebSocketFlowTest {
    private static final int FRAME_PAYLOAD = 1024;
    private static final long MAX_WRITE = 256L * 1024 * 1024;

    private JetServer server;

    private JetServer start(WebSocketListener listener, WebSocketOptions options) {
        server = JetServer.run(request -> Response.ok("http"), ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(request -> WebSocketUpgrade.accept(listener)).websocket(options)
                .stopTimeout(Duration.ofSeconds(2)).build());
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aSlowConsumerMakesTheServerStopReading() throws Exception {
        // The ledger proves the demand is kept: a message delivered beyond what was granted is caught
        // whenever it comes, rather than looked for during a quiet spell of some milliseconds.
        AtomicLong granted = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        AtomicBoolean overDelivered = new AtomicBoolean();
        WebSocketRecorder.Demanding consumer = new WebSocketRecorder.Demanding() {
            @Override
            public void onOpen(WebSocket ws) {
                super.onOpen(ws);
                granted.set(3);
                ws.request(3);
            }

            @Override
            public void onText(WebSocket ws, String text) {
                if (delivered.incrementAndGet() > granted.get()) {
                    overDelivered.set(true);
                }
                super.onText(ws, text);
            }
        };
        start(consumer, WebSocketOptions.defaults());
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
             Selector selector = Selector.open()) {
            handshake(channel);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_WRITE);

            long written = writeUntilStalled(channel, selector, 0);
            assertThat(written).as("the client's writes stall once the server stops reading").isLessThan(MAX_WRITE);

            consumer.assertNext("open");
            consumer.assertNext("text:" + message(0));
            consumer.assertNext("text:" + message(1));
            consumer.assertNext("text:" + message(2));

            WebSocket ws = consumer.awaitOpen();
            granted.addAndGet(2);
            ws.request(2);
            consumer.assertNext("text:" + message(3));
            consumer.assertNext("text:" + message(4));
            assertThat(overDelivered).as("a message was delivered beyond the demand (%s delivered)", delivered).isFalse();

            granted.set(Long.MAX_VALUE);
            ws.request(Long.MAX_VALUE);
            assertThat(selectWritable(selector, Duration.ofSeconds(10)))
                    .as("the server reads again once there is demand").isTrue();
            consumer.assertNext("text:" + message(5));
        }
    }

    /** Writes 1 KiB text frames until the socket has not been writable for 500 ms; returns the bytes written. */
    private static long writeUntilStalled(SocketChannel channel, Selector selector, int first) throws IOException {
        long written = 0;
        int i = first;
        ByteBuffer frame = ByteBuffer.wrap(RawWebSocket.frame(true, RawWebSocket.TEXT, message(i).getBytes(StandardCharsets.UTF_8), true));
        while (written < MAX_WRITE) {
            written += channel.write(frame);
            if (!frame.hasRemaining()) {
                i++;
                frame = ByteBuffer.wrap(RawWebSocket.frame(true, RawWebSocket.TEXT, message(i).getBytes(StandardCharsets.UTF_8), true));
            } else if (!selectWritable(selector, Duration.ofMillis(500))) {
                return written;
            }
        }
        return written;
    }

    private static boolean selectWritable(Selector selector, Duration timeout) throws IOException {
        selector.selectedKeys().clear();
        return selector.select(timeout.toMillis()) > 0;
    }

    private static String message(int i) {
        String prefix = "m" + i + ":";
        return prefix + "x".repeat(FRAME_PAYLOAD - prefix.length());
    }

    private void handshake(SocketChannel channel) throws IOException {
        String request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) one.get(0));
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
    }

    @Test
    void aPeerThatDoesNotReadFillsTheBoundedQueueAndSendsFail() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder();
        start(serverSide, WebSocketOptions.builder().outboundQueueLimit(DataSize.ofKibibytes(64)).build());
        try (RawWebSocket client = RawWebSocket.connect(server.port(), "/")) {
            client.socket().setReceiveBufferSize(64 * 1024);
            WebSocket ws = serverSide.awaitOpen();
            byte[] chunk = new byte[16 * 1024];
            List<CompletableFuture<Void>> accepted = new ArrayList<>();
            Throwable overflow = null;
            for (long sent = 0; sent < MAX_WRITE && overflow == null; sent += chunk.length) {
                CompletableFuture<Void> send = ws.sendBinary(chunk).toCompletableFuture();
                if (send.isCompletedExceptionally()) {
                    overflow = send.handle((ok, failure) -> failure).join();
                } else {
                    accepted.add(send);
                }
            }
            assertThat(overflow).as("a send beyond the bound fails").isInstanceOf(WebSocketOverflowException.class);
            long unwritten = accepted.stream().filter(f -> !f.isDone()).count();
            assertThat(unwritten * chunk.length).as("bytes held for the slow peer")
                    .isLessThanOrEqualTo(64 * 1024);
            assertThat(ws.isOpen()).isTrue();

            for (int i = 0; i < accepted.size(); i++) {
                RawWebSocket.Frame frame = client.read();
                assertThat(frame.payload()).hasSize(chunk.length);
            }
            CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            ws.sendText("after").toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(client.read().text()).isEqualTo("after");
        }
    }

    @Test
    void theBlockPolicyHoldsTheSenderUntilThePeerReads() throws Exception {
        WebSocketRecorder serverSide = new WebSocketRecorder();
        start(serverSide, WebSocketOptions.builder().outboundQueueLimit(DataSize.ofKibibytes(64))
                .overflowPolicy(OverflowPolicy.BLOCK).build());
        int count = 2000;
        byte[] chunk = new byte[16 * 1024];
        try (RawWebSocket client = RawWebSocket.connect(server.port(), "/")) {
            client.socket().setReceiveBufferSize(64 * 1024);
            WebSocket ws = serverSide.awaitOpen();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    ws.sendBinary(chunk);
                }
            }, "blocking-sender");
            sender.start();
            awaitBlockedInQueue(sender);
            assertThat(sender.isAlive()).as("the sender waits while the peer does not read").isTrue();

            for (int i = 0; i < count; i++) {
                assertThat(client.read().payload()).hasSize(chunk.length);
            }
            sender.join(10_000);
            assertThat(sender.isAlive()).isFalse();
            CompletionStage<Void> last = ws.sendText("done");
            last.toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(client.read().text()).isEqualTo("done");
        }
    }

    private static void awaitBlockedInQueue(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (thread.getState() == Thread.State.WAITING) {
                for (StackTraceElement frame : thread.getStackTrace()) {
                    if (frame.getClassName().endsWith("OutboundQueue")) {
                        return;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the sender did not block on the full outbound queue within 10 s");
    }
}
