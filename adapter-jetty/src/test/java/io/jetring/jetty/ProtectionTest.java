package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.Response;
import io.jetring.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Slow senders are cut off, connection limits hold, Jetty's own errors carry no detail. */
class ProtectionTest {
    private static final ServerOptions.Builder LOCAL = ServerOptions.builder().host("127.0.0.1").port(0);

    @Test
    void aClientTricklingHeadersIsCutOffWhileOthersAreServed() throws Exception {
        ServerOptions options = LOCAL.requestHeaderTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(30)).build();
        try (JetServer server = JetServer.run(request -> Response.ok("fine"), options);
             RawHttp slow = RawHttp.connect(server.uri())) {
            CompletableFuture<Long> cutOffAfterBytes = CompletableFuture.supplyAsync(() -> trickle(slow));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            while (!cutOffAfterBytes.isDone()) {
                HttpResponse<String> normal = client.send(HttpRequest.newBuilder(server.uri()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(normal.body()).isEqualTo("fine");
                Thread.sleep(50);
            }
            long sent = cutOffAfterBytes.get(20, TimeUnit.SECONDS);
            assertThat(sent).as("bytes trickled before the server closed the connection").isBetween(1L, 150L);
        }
    }

    @Test
    void aClientSendingOnlyEmptyLinesIsCutOffAtTheHeaderDeadline() throws Exception {
        ServerOptions options = LOCAL.requestHeaderTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(30)).build();
        try (JetServer server = JetServer.run(request -> Response.ok("fine"), options);
             RawHttp raw = RawHttp.connect(server.uri())) {
            raw.socket().setSoTimeout(100);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            try {
                while (System.nanoTime() < deadline) {
                    // RFC 9112 lets a server skip empty lines before a request line; they start no request.
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

    @Test
    void theHeaderDeadlineStartsAgainWithEachRequestOnAConnection() throws Exception {
        Duration deadline = Duration.ofSeconds(2);
        ServerOptions options = LOCAL.requestHeaderTimeout(deadline).idleTimeout(Duration.ofSeconds(30)).build();
        try (JetServer server = JetServer.run(request -> Response.ok("fine"), options);
             RawHttp raw = RawHttp.connect(server.uri())) {
            // Each head takes 70% of the deadline: together they take longer than one deadline.
            for (int request = 0; request < 2; request++) {
                String head = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(40) + "\r\n\r\n";
                int pieces = 8;
                int piece = head.length() / pieces + 1;
                for (int i = 0; i < head.length(); i += piece) {
                    raw.send(head.substring(i, Math.min(head.length(), i + piece)));
                    if (i + piece < head.length()) {
                        Thread.sleep(deadline.toMillis() * 7 / 10 / (pieces - 1));
                    }
                }
                assertThat(raw.readHead()).as("request %d", request + 1).startsWith("HTTP/1.1 200 ");
                assertThat(new String(raw.readBytes(4))).isEqualTo("fine");
            }
        }
    }

    /** Sends a never-ending header one byte per 20 ms; returns the bytes sent once the server closes. */
    private static long trickle(RawHttp raw) {
        byte[] head = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes();
        long sent = 0;
        try {
            raw.socket().setSoTimeout(20);
            OutputStream out = raw.socket().getOutputStream();
            InputStream in = raw.socket().getInputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                out.write(sent < head.length ? head[(int) sent] : 'a');
                out.flush();
                sent++;
                try {
                    if (in.read() < 0) {
                        return sent;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // the pause between two bytes
                }
            }
            throw new AssertionError("the trickling client was still connected after 15 s");
        } catch (IOException closed) {
            return sent;
        }
    }

    @Test
    void pastTheConnectionLimitNewConnectionsWaitUntilOneCloses() throws Exception {
        try (JetServer server = JetServer.run(request -> Response.ok("fine"), LOCAL.maxConnections(2).build());
             RawHttp first = RawHttp.connect(server.uri());
             RawHttp second = RawHttp.connect(server.uri());
             RawHttp third = RawHttp.connect(server.uri())) {
            for (RawHttp open : new RawHttp[] {first, second}) {
                open.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(open.readHead()).startsWith("HTTP/1.1 200 ");
                open.readBytes(4);
            }
            third.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            third.socket().setSoTimeout(1000);
            assertThatThrownBy(third::readHead).as("served over the limit").isInstanceOf(SocketTimeoutException.class);

            first.close();
            third.socket().setSoTimeout(10_000);
            assertThat(third.readHead()).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void malformedRequestsGetAShortPlainTextError() throws Exception {
        try (JetServer server = JetServer.run(request -> Response.ok("fine"), LOCAL.build());
             RawHttp raw = RawHttp.connect(server.uri())) {
            raw.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello");
            String answer = raw.readUntilClose();
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("Content-Type: text/plain;charset=utf-8\r\n")
                    .endsWith("\r\n\r\n400 Bad Request\n");
        }
    }
}
