package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.testing.RawHttp;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ServerSentEvents} over real sockets, from a sync and an async handler. */
abstract class ServerSentEventsSuite extends ContainerSuite {
    final SubmissionPublisher<ServerSentEvent> quiet = new SubmissionPublisher<>();
    List<RunningServer> servers;

    @BeforeAll
    void start() throws Exception {
        RingHandler app = request -> switch (request.path()) {
            case "/events" -> {
                String resume = ServerSentEvents.lastEventId(request).orElse("none");
                yield ServerSentEvents.response(publisherOf(
                        ServerSentEvent.of("resuming after " + resume).withId("1"),
                        ServerSentEvent.of("two\nlines").withEvent("update").withId("2"),
                        ServerSentEvent.of("")), SseOptions.defaults().withRetry(Duration.ofMillis(1500)));
            }
            case "/quiet" -> ServerSentEvents.response(quiet, SseOptions.defaults().withHeartbeat(Duration.ofMillis(50)));
            default -> Response.notFound();
        };
        RingHandler asyncApp = RingHandler.async(request -> CompletableFuture.completedFuture(app.handle(request)));
        servers = List.of(start(app), start(asyncApp.wrap(Compression.gzip())));
    }

    @Test
    void streamsEventsAsTheStandardFramesThem() throws Exception {
        HttpResponse<byte[]> response = get(servers.get(0).uri("/events"), "Last-Event-ID", "41");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(": open\nretry: 1500\n\n"
                + "id: 1\ndata: resuming after 41\n\n"
                + "event: update\nid: 2\ndata: two\ndata: lines\n\n"
                + "data: \n\n");
        HttpResponse<byte[]> compressed = get(servers.get(1).uri("/events"), "Accept-Encoding", "gzip");
        assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(CompressionSuite.gunzip(compressed.body())).startsWith(": open\nretry: 1500\n\nid: 1\ndata: resuming after none\n\n");
    }

    @Test
    void aQuietStreamGetsHeartbeats() throws Exception {
        try (RawHttp raw = RawHttp.connect(servers.get(0).baseUri())) {
            raw.send("GET /quiet HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = raw.socket().getInputStream();
            assertThat(CompressionSuite.readHead(in)).startsWith("HTTP/1.1 200");
            StringBuilder seen = new StringBuilder();
            while (seen.indexOf(": ping\n\n") < 0) {
                seen.append(new String(CompressionSuite.readChunk(in), StandardCharsets.UTF_8));
            }
            assertThat(seen.toString()).startsWith(": open\n\n");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (quiet.getNumberOfSubscribers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(quiet.getNumberOfSubscribers()).as("the client left: the subscription was cancelled").isZero();
    }

    static Flow.Publisher<ServerSentEvent> publisherOf(ServerSentEvent... events) {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private int next;
            private boolean done;

            @Override
            public synchronized void request(long n) {
                for (long i = 0; i < n && !done; i++) {
                    if (next < events.length) {
                        subscriber.onNext(events[next++]);
                    }
                    if (next == events.length) {
                        done = true;
                        subscriber.onComplete();
                    }
                }
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
    }
}
