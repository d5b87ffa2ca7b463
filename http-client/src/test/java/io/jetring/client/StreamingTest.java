package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Body;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Streaming both ways, with backpressure, and aborting by cancelling. */
class StreamingTest {
    /** Far more than any socket buffers hold: production must stall well before this. */
    private static final long UNBOUNDED = 64L * 1024 * 1024;

    private static final AtomicReference<Infinite> serverStream = new AtomicReference<>();
    private static final CountDownLatch release = new CountDownLatch(1);
    private static JetServer server;
    private static JetClient client;
    private static String base;

    @BeforeAll
    static void start() {
        RingHandler slowSink = request -> {
            // Reads one chunk of the upload, then stops reading until the test ends.
            Recorder recorder = new Recorder();
            request.body().publisher().subscribe(recorder);
            recorder.request(1);
            release.await(Await.SECONDS, TimeUnit.SECONDS);
            return Response.status(204);
        };
        Routes routes = new Routes()
                .on("/infinite", request -> {
                    Infinite infinite = new Infinite();
                    serverStream.set(infinite);
                    return Response.stream(infinite);
                })
                .on("/echo-stream", request -> Response.stream(request.body().publisher()))
                .on("/slow-sink", slowSink);
        server = JetServer.run(routes, ServerOptions.builder().host("127.0.0.1").port(0).build());
        client = JetClient.create();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void reset() {
        serverStream.set(null);
    }

    @AfterAll
    static void stop() {
        release.countDown();
        client.close();
        server.close();
    }

    @Test
    void aStreamedDownloadIsReadOnlyAsFastAsTheSubscriberRequests() throws Exception {
        ClientResponse<Flow.Publisher<byte[]>> response = Await.result(client.get(base + "/infinite", As.publisher()));
        Infinite source = serverStream.get();
        Recorder recorder = new Recorder();
        response.body().subscribe(recorder);

        recorder.request(1);
        assertThat(recorder.chunks.poll(Await.SECONDS, TimeUnit.SECONDS)).isNotNull();
        long stalledAt = source.awaitStalled();
        assertThat(stalledAt).as("bytes the server produced while the client read one chunk").isLessThan(UNBOUNDED);
        assertThat(recorder.chunks).hasSizeLessThanOrEqualTo(1);

        recorder.request(50);
        for (int i = 0; i < 50; i++) {
            assertThat(recorder.chunks.poll(Await.SECONDS, TimeUnit.SECONDS)).as("chunk %d after more demand", i).isNotNull();
        }

        recorder.subscription.cancel();
        source.awaitCancelled();
        assertThat(recorder.error).isNull();
    }

    @Test
    void closingAStreamedInputStreamEarlyAbortsTheExchange() throws Exception {
        ClientResponse<InputStream> response = Await.result(client.get(base + "/infinite", As.inputStream()));
        Infinite source = serverStream.get();
        InputStream in = response.body();
        assertThat(in.readNBytes(100_000)).hasSize(100_000);
        in.close();
        source.awaitCancelled();
    }

    @Test
    void anUploadIsProducedOnlyAsFastAsTheServerReads() throws Exception {
        Infinite upload = new Infinite();
        CompletableFuture<ClientResponse<byte[]>> call =
                client.post(base + "/slow-sink", Body.of(upload), As.bytes()).toCompletableFuture();

        long stalledAt = upload.awaitStalled();
        assertThat(stalledAt).as("bytes produced while the server read one chunk").isLessThan(UNBOUNDED);

        call.cancel(true);
        upload.awaitCancelled();
        assertThat(call).isCancelled();
    }

    @Test
    void bothDirectionsStreamAtOnce() throws Exception {
        SubmissionPublisher<byte[]> upload = new SubmissionPublisher<>();
        var call = client.post(base + "/echo-stream", Body.of(upload), As.publisher());
        awaitSubscriber(upload);
        upload.submit(bytes("ping-1"));
        // The response starts before the request has ended: the server echoes as it reads.
        ClientResponse<Flow.Publisher<byte[]>> response = Await.result(call);
        Recorder recorder = new Recorder();
        response.body().subscribe(recorder);
        recorder.request(Long.MAX_VALUE);
        assertThat(text(recorder.chunks.poll(Await.SECONDS, TimeUnit.SECONDS))).isEqualTo("ping-1");

        upload.submit(bytes("ping-2"));
        assertThat(text(recorder.chunks.poll(Await.SECONDS, TimeUnit.SECONDS))).isEqualTo("ping-2");

        upload.close();
        recorder.awaitDone();
        assertThat(recorder.completed).isTrue();
        assertThat(new String(recorder.received(), StandardCharsets.UTF_8)).isEqualTo("ping-1ping-2");
    }

    @Test
    void aFailingUploadFailsTheCall() {
        SubmissionPublisher<byte[]> upload = new SubmissionPublisher<>();
        var call = client.post(base + "/echo-stream", Body.of(upload), As.bytes());
        upload.submit(bytes("partial"));
        upload.closeExceptionally(new IllegalStateException("disk on fire"));
        ClientException failure = Await.failure(call, ClientException.class);
        assertThat(failure).hasMessageContaining("POST " + base + "/echo-stream: the request body failed")
                .hasMessageContaining("disk on fire");
    }

    @Test
    void aSecondSubscriberIsRefused() throws Exception {
        ClientResponse<Flow.Publisher<byte[]>> response = Await.result(client.get(base + "/infinite", As.publisher()));
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        response.body().subscribe(first);
        response.body().subscribe(second);
        second.awaitDone();
        assertThat(second.error).isInstanceOf(IllegalStateException.class).hasMessageContaining("already subscribed");
        first.subscription.cancel();
        serverStream.get().awaitCancelled();
    }

    /** A SubmissionPublisher drops what is submitted before anyone subscribes. */
    private static void awaitSubscriber(SubmissionPublisher<byte[]> publisher) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Await.SECONDS);
        while (publisher.getNumberOfSubscribers() == 0) {
            assertThat(System.nanoTime()).as("the client subscribed to the upload in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
