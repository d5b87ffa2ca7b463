package io.jetring.servlet;

import static io.jetring.api.ProbePublisher.CHUNK;
import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.api.ProbePublisher;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.SlowSubscriber;
import io.jetring.servlet.testing.Http;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.testing.RawHttp;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Bodies in motion, the same in every container: the streaming contract of {@code docs/SPEC.md}
 * section 7 (one chunk in flight, backpressure, cancel on disconnect, abort on a failure mid-body)
 * and the three ways to read a request body of section 4.
 */
abstract class BodySuite extends SuiteBase {

    @Test
    void aLongStreamArrivesWholeWithOneChunkInFlight() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<byte[]> response = Http.get(server.uri("/publisher?chunks=256"));
            ProbePublisher probe = handlers.probe;
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Length")).isEmpty();
            assertThat(response.body()).hasSize(256 * CHUNK);
            for (int i = 0; i < 256; i++) {
                assertThat(response.body()[i * CHUNK]).isEqualTo((byte) i);
            }
            assertThat(probe.maxOutstanding.get()).as("chunks requested ahead of the writes").isEqualTo(1);
            assertThat(probe.cancelled.getCount()).as("a completed stream is not cancelled").isEqualTo(1);
        }
    }

    @Test
    void aClientThatDisconnectsCancelsTheSubscription() throws Exception {
        for (RunningServer server : both()) {
            try (RawHttp raw = RawHttp.connect(server.baseUri())) {
                raw.socket().setReceiveBufferSize(8192);
                raw.send("GET /publisher HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(raw.readHead()).containsIgnoringCase("Transfer-Encoding: chunked");
                raw.readBytes(100_000);
            }
            assertThat(handlers.probe.cancelled.await(20, TimeUnit.SECONDS))
                    .as("subscription cancelled after the client left").isTrue();
        }
    }

    @Test
    void aSlowReaderHoldsThePublisherBack() throws Exception {
        try (RawHttp raw = RawHttp.connect(async.baseUri())) {
            raw.socket().setReceiveBufferSize(8192);
            raw.send("GET /publisher HTTP/1.1\r\nHost: x\r\n\r\n");
            raw.readHead();
            ProbePublisher infinite = handlers.probe;
            // The reader takes nothing more: once the socket buffers fill, writes stop completing and
            // the publisher is asked for nothing further.
            long before;
            long after = infinite.emitted.get();
            do {
                before = after;
                assertThat(infinite.cancelled.await(500, TimeUnit.MILLISECONDS)).isFalse();
                after = infinite.emitted.get();
            } while (after != before);
            assertThat(after * CHUNK).as("bytes emitted for a reader that stopped").isLessThan(64L * 1024 * 1024);
        }
    }

    @Test
    void aStreamMayOutliveTheAsyncTimeout() throws Exception {
        // The stage completes after 50 ms; the six ticks then take 1.5 s, past the 1 s async timeout.
        HttpResponse<String> response = Http.getText(async.uri("/slow-stream"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SuiteHandlers.TICKS.expected());
    }

    @Test
    void aPublisherFailingBeforeTheFirstChunkGets500() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> response = Http.getText(server.uri("/fail-before-body"));
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).doesNotContain(SuiteHandlers.SECRET);
        }
    }

    @Test
    void aPublisherFailingMidBodyTruncatesTheChunkedBody() throws Exception {
        for (RunningServer server : both()) {
            String all = raw(server, "GET /fail-mid-body HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(all).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked")
                    .contains("chunk-2");
            assertThat(all).as("no terminating zero-length chunk").doesNotEndWith("0\r\n\r\n");
        }
    }

    @Test
    void aStreamFailingMidBodyTruncatesTheChunkedBody() throws Exception {
        for (RunningServer server : both()) {
            String all = raw(server, "GET /stream-fail-mid-body HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(all).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked")
                    .contains("line-2");
            assertThat(all).as("no terminating zero-length chunk").doesNotEndWith("0\r\n\r\n");
        }
    }

    @Test
    void blockingStreamReadsAnySize() throws Exception {
        assertThat(text(Http.post(sync.uri("/upload-stream"), new byte[3_000_000]))).isEqualTo("3000000");
    }

    @Test
    void aggregationWorksUnderTheLimitAndAnswers413Above() throws Exception {
        for (RunningServer server : both()) {
            assertThat(text(Http.post(server.uri("/upload-bytes"), new byte[65536]))).isEqualTo("65536");
            // Only the head is sent: the 413 must come without the body being read (it never arrives).
            try (RawHttp raw = RawHttp.connect(server.baseUri())) {
                raw.send("POST /upload-bytes HTTP/1.1\r\nHost: x\r\nContent-Length: 65537\r\n\r\n");
                assertThat(raw.readHead()).startsWith("HTTP/1.1 413");
            }
        }
    }

    @Test
    void bodiesAnnouncedLargeButNotSentTakeNoMemoryAhead() throws Exception {
        int clients = 200;
        AtomicInteger reading = new AtomicInteger();
        RingHandler aggregate = RingHandler.async(request -> {
            CompletionStage<byte[]> body = request.body().bytes();
            reading.incrementAndGet();
            return body.thenApply(bytes -> Response.ok(Integer.toString(bytes.length)));
        });
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<RawHttp> raws = new ArrayList<>();
        try (RunningServer server = fixture().start(aggregate, DataSize.ofMebibytes(10), Duration.ofMinutes(1))) {
            memory.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            for (int i = 0; i < clients; i++) {
                RawHttp raw = RawHttp.connect(server.baseUri());
                raws.add(raw);
                raw.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\n");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reading.get() < clients && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(reading).as("requests whose body is being aggregated").hasValue(clients);
            memory.gc();
            long grown = memory.getHeapMemoryUsage().getUsed() - before;
            // 10 MiB allocated per request ahead of its bytes would be 2000 MiB.
            assertThat(grown).as("heap grown with %d bodies of 10 MiB announced and none sent", clients)
                    .isLessThan(200L * 1024 * 1024);
        } finally {
            for (RawHttp raw : raws) {
                raw.close();
            }
        }
    }

    @Test
    void aChunkedBodyOverTheLimitGets413WithoutAnnouncedLength() throws Exception {
        for (RunningServer server : both()) {
            try (RawHttp raw = RawHttp.connect(server.baseUri())) {
                StringBuilder request = new StringBuilder(
                        "POST /upload-bytes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
                String chunk = "a".repeat(10_000);
                for (int i = 0; i < 8; i++) {
                    request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
                }
                raw.send(request.append("0\r\n\r\n").toString());
                assertThat(raw.readHead()).startsWith("HTTP/1.1 413");
            }
        }
    }

    @Test
    void aSecondReadIsAServerError() throws Exception {
        assertThat(Http.post(sync.uri("/twice"), new byte[10]).statusCode()).isEqualTo(500);
    }

    @Test
    void aRequestBodyStreamsBackAsTheResponseBody() throws Exception {
        byte[] data = new byte[1_000_000];
        new Random(3).nextBytes(data);
        for (RunningServer server : both()) {
            HttpResponse<byte[]> echoed = Http.post(server.uri("/echo"), data);
            assertThat(echoed.statusCode()).isEqualTo(200);
            assertThat(echoed.body()).isEqualTo(data);
        }
        assertThat(Http.post(async.uri("/later-echo"), data).body()).isEqualTo(data);
    }

    @Test
    void aSlowSubscriberStopsTheNetworkReads() throws Exception {
        for (RunningServer server : both()) {
            handlers.slowUpload = new CompletableFuture<>();
            slowUpload(server);
        }
    }

    private void slowUpload(RunningServer server) throws Exception {
        int total = 32 * 1024 * 1024;
        byte[] data = new byte[total];
        new Random(1).nextBytes(data);
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            CountDownLatch written = raw.postInBackground("/slow-upload", data);
            SlowSubscriber upload = handlers.slowUpload.get(10, TimeUnit.SECONDS);
            assertThat(upload.firstChunk.await(10, TimeUnit.SECONDS)).as("first chunk reached the handler").isTrue();
            // One chunk was requested: the server must not read the remaining ~32 MiB on its own.
            // The proof is the client's: its writes block once the server stops reading, long before the end.
            long stalledAt = raw.awaitUploadStalled(Duration.ofMillis(500), Duration.ofSeconds(20));
            assertThat(stalledAt).as("bytes the client could write before the server stopped reading").isLessThan(total / 2);
            assertThat(upload.received.get()).isLessThan(total);
            assertThat(upload.overDelivered).as("a chunk was delivered beyond the demand").isFalse();

            upload.requestAll();
            assertThat(written.await(20, TimeUnit.SECONDS)).as("upload finished once demand was given").isTrue();
            assertThat(upload.digest.get(20, TimeUnit.SECONDS)).isEqualTo(Http.sha256(data));
            assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
