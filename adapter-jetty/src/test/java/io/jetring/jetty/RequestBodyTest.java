package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.api.Response;
import io.jetring.api.SlowSubscriber;
import io.jetring.api.RingHandler;
import io.jetring.testing.JetServerExtension;
import io.jetring.testing.RawHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The three ways to read a request body, their limit, and the read-once rule, over a real socket. */
class RequestBodyTest {
    private static final SlowSubscriber slow = new SlowSubscriber();

    @RegisterExtension
    static JetServerExtension server = JetServerExtension.of(request -> switch (request.path()) {
        case "/stream" -> Response.ok(Integer.toString(request.body().inputStream().readAllBytes().length));
        case "/bytes" -> Response.ok(Integer.toString(request.body().readAllBytes().length));
        case "/twice" -> {
            request.body().readAllBytes();
            request.body().inputStream();
            yield Response.ok("unreachable");
        }
        case "/slow" -> slowConsumer(request.body().publisher());
        default -> Response.notFound();
    }, ServerOptions.builder().maxBodySize(DataSize.ofKibibytes(64)).build());

    @RegisterExtension
    static JetServerExtension asyncServer = JetServerExtension.of(RingHandler.async(request -> request.body().bytes()
            .thenApply(bytes -> Response.ok(sha256(bytes)))), ServerOptions.builder().maxBodySize(DataSize.ofKibibytes(64)).build());

    @Test
    void blockingStreamReadsAnySize() throws Exception {
        assertThat(post(server, "/stream", new byte[3_000_000]).body()).isEqualTo("3000000");
    }

    @Test
    void aggregationWorksUnderTheLimitAndAnswers413Above() throws Exception {
        assertThat(post(server, "/bytes", new byte[65536]).body()).isEqualTo("65536");
        assertThat(announceOnly(server, "/bytes", 65537)).startsWith("HTTP/1.1 413 ");
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(post(asyncServer, "/", body).body()).isEqualTo(sha256(body));
        assertThat(announceOnly(asyncServer, "/", 100_000)).startsWith("HTTP/1.1 413 ");
    }

    @Test
    void chunkedBodyOverTheLimitIs413WithoutAnnouncedLength() throws Exception {
        try (RawHttp raw = RawHttp.connect(asyncServer.baseUri())) {
            StringBuilder request = new StringBuilder("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "a".repeat(10_000);
            for (int i = 0; i < 8; i++) {
                request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            raw.send(request.append("0\r\n\r\n").toString());
            assertThat(raw.readHead()).startsWith("HTTP/1.1 413 ");
        }
    }

    @Test
    void aSecondReadIsAServerError() throws Exception {
        assertThat(post(server, "/twice", new byte[10]).statusCode()).isEqualTo(500);
    }

    @Test
    void aSlowSubscriberStopsTheNetworkReads() throws Exception {
        int total = 32 * 1024 * 1024;
        byte[] data = new byte[total];
        new java.util.Random(1).nextBytes(data);
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            CountDownLatch written = raw.postInBackground("/slow", data);
            assertThat(slow.firstChunk.await(10, TimeUnit.SECONDS)).as("first chunk reached the handler").isTrue();
            // One chunk was requested: the server must not read the remaining ~32 MiB on its own.
            // The proof is the client's: its writes block once the server stops reading, long before the end.
            long stalledAt = raw.awaitUploadStalled(Duration.ofMillis(500), Duration.ofSeconds(20));
            assertThat(stalledAt).as("bytes the client could write before the server stopped reading").isLessThan(total / 2);
            assertThat(slow.received.get()).isLessThan(total);
            assertThat(slow.overDelivered).as("a chunk was delivered beyond the demand").isFalse();

            slow.requestAll();
            assertThat(written.await(20, TimeUnit.SECONDS)).as("upload finished once demand was given").isTrue();
            assertThat(slow.digest.get(20, TimeUnit.SECONDS)).isEqualTo(sha256(data));
            assertThat(raw.readHead()).startsWith("HTTP/1.1 200 ");
        }
    }

    private static Response slowConsumer(Flow.Publisher<byte[]> body) throws Exception {
        body.subscribe(slow);
        slow.digest.get(60, TimeUnit.SECONDS);
        return Response.ok("done");
    }

    /**
     * The response head to a POST that announces {@code length} bytes and sends none: a 413 must come
     * without reading the body. (Sending the body races the server's close, which can reset the
     * connection before the client reads the answer.)
     */
    private static String announceOnly(JetServerExtension target, String path, int length) throws Exception {
        try (RawHttp raw = RawHttp.connect(target.baseUri())) {
            raw.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n");
            return raw.readHead();
        }
    }

    private static HttpResponse<String> post(JetServerExtension target, String path, byte[] body) throws Exception {
        return target.client().send(HttpRequest.newBuilder(target.uri(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
