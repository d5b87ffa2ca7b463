package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.ProbePublisher;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.testing.JetServerExtension;
import io.jetring.testing.RawHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Publisher bodies: chunked, one write at a time, cancelled when the client goes away. */
class StreamingTest {
    static final int CHUNK = ProbePublisher.CHUNK;
    static volatile ProbePublisher probe;

    @RegisterExtension
    static JetServerExtension server = JetServerExtension.of(RingHandler.async(request -> {
        long chunks = request.queryParam("chunks").map(Long::parseLong).orElse(Long.MAX_VALUE);
        probe = new ProbePublisher(chunks);
        return CompletableFuture.completedFuture(Response.stream(probe));
    }));

    @Test
    void aLongStreamArrivesWholeWithOneChunkInFlight() throws Exception {
        HttpResponse<byte[]> response = server.client().send(
                HttpRequest.newBuilder(server.uri("/s?chunks=256")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        assertThat(response.body()).hasSize(256 * CHUNK);
        for (int i = 0; i < 256; i++) {
            assertThat(response.body()[i * CHUNK]).isEqualTo((byte) i);
        }
        assertThat(probe.maxOutstanding.get()).as("chunks requested ahead of the writes").isEqualTo(1);
        assertThat(probe.cancelled.getCount()).isEqualTo(1);
    }

    @Test
    void aClientThatDisconnectsCancelsTheSubscription() throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri(), 8192)) {
            raw.send("GET /s HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readHead()).containsIgnoringCase("Transfer-Encoding: chunked");
            raw.readBytes(100_000);
        }
        ProbePublisher infinite = probe;
        assertThat(infinite.cancelled.await(20, TimeUnit.SECONDS)).as("subscription cancelled after the client left").isTrue();
    }

    @Test
    void aSlowReaderHoldsThePublisherBack() throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri(), 8192)) {
            raw.send("GET /s HTTP/1.1\r\nHost: x\r\n\r\n");
            raw.readHead();
            ProbePublisher infinite = probe;
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
}
