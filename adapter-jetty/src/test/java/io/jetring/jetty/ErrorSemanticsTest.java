package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import io.jetring.api.Publishers;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.testing.JetServerExtension;
import io.jetring.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Throw, null, failed or pending stages, and bad headers each get the documented status. */
class ErrorSemanticsTest {
    static final String SECRET = "secret-detail-that-must-not-leak";

    static Response sync(String path) {
        return switch (path) {
            case "/throw" -> throw new IllegalStateException(SECRET);
            case "/null" -> null;
            case "/bad-request" -> throw new BadRequestException("id: x (expected: a number)");
            case "/too-large" -> throw new BodyTooLargeException(DataSize.ofBytes(1));
            case "/split" -> Response.ok("x").withHeader("X-Split", "a\r\nSet-Cookie: admin=1");
            case "/fail-before-body" -> Response.stream(Publishers.failed(new IllegalStateException(SECRET)));
            case "/fail-mid-body" -> Response.ok(Body.of(Publishers.fromIterator(() -> failingAfter(3))));
            default -> Response.ok("fine");
        };
    }

    @RegisterExtension
    static JetServerExtension syncServer = JetServerExtension.of(request -> sync(request.path()));

    @RegisterExtension
    static JetServerExtension asyncServer = JetServerExtension.of(RingHandler.async(request -> switch (request.path()) {
        case "/null-stage" -> null;
        case "/failed-stage" -> CompletableFuture.failedFuture(new IllegalStateException(SECRET));
        case "/late-failure" -> CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException(SECRET);
        }, CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS));
        case "/never" -> new CompletableFuture<>();
        case "/throw" -> throw new IllegalStateException(SECRET);
        default -> CompletableFuture.completedFuture(sync(request.path()));
    }), ServerOptions.builder().asyncTimeout(Duration.ofMillis(300)).build());

    @Test
    void aThrowingHandlerGives500WithoutDetailsAndIsLoggedOnce() throws Exception {
        String log = capturingStderr(() -> {
            HttpResponse<String> response = syncServer.get("/throw");
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("500 Internal Server Error\n")
                    .doesNotContain(SECRET).doesNotContain("Exception");
        });
        assertThat(count(log, "answered 500")).isEqualTo(1);
        assertThat(log).contains(SECRET);
    }

    @Test
    void nullAndFailedStagesGive500() throws Exception {
        assertThat(syncServer.get("/null").statusCode()).isEqualTo(500);
        for (String path : new String[] {"/null", "/null-stage", "/failed-stage", "/late-failure", "/throw"}) {
            HttpResponse<String> response = asyncServer.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(500);
            assertThat(response.body()).as(path).doesNotContain(SECRET);
        }
    }

    @Test
    void aStageThatNeverCompletesGives503AfterTheAsyncTimeout() throws Exception {
        HttpResponse<String> response = asyncServer.get("/never");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(asyncServer.get("/fine").body()).isEqualTo("fine");
    }

    @Test
    void clientFaultsMapTo4xx() throws Exception {
        HttpResponse<String> bad = syncServer.get("/bad-request");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("400 Bad Request: id: x (expected: a number)\n");
        assertThat(syncServer.get("/too-large").statusCode()).isEqualTo(413);
    }

    @Test
    void aHandlersOwnTimeoutIsAServerFailure() throws Exception {
        RingHandler backendTimesOut = request -> {
            throw new java.util.concurrent.TimeoutException("backend: no answer within 2 s");
        };
        RingHandler stageTimesOut = RingHandler.async(request ->
                CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("backend: no answer within 2 s")));
        for (RingHandler handler : new RingHandler[] {backendTimesOut, stageTimesOut}) {
            try (JetServer server = JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0).build())) {
                try (RawHttp raw = RawHttp.connect(server.uri())) {
                    raw.send("GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                    assertThat(raw.readUntilClose()).as(handler.toString()).startsWith("HTTP/1.1 500 ")
                            .endsWith("500 Internal Server Error\n");
                }
            }
        }
    }

    @Test
    void aClientTooSlowToSendTheBodyGets408() throws Exception {
        RingHandler reads = request -> Response.ok(request.body().readAllBytes().length + " bytes");
        RingHandler streams = request -> Response.ok(request.body().inputStream().readAllBytes().length + " bytes");
        // (An async handler's stage pending while the body arrives is bounded by asyncTimeout instead.)
        for (RingHandler handler : new RingHandler[] {reads, streams}) {
            try (JetServer server = JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0)
                    .idleTimeout(Duration.ofMillis(300)).build())) {
                try (RawHttp raw = RawHttp.connect(server.uri())) {
                    raw.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
                    assertThat(raw.readUntilClose()).as(handler.toString()).startsWith("HTTP/1.1 408 ")
                            .endsWith("408 Request Timeout\n");
                }
            }
        }
    }

    @Test
    void headersThatWouldSplitTheResponseAreNeverWritten() throws Exception {
        HttpResponse<String> response = syncServer.get("/split");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("X-Split")).isEmpty();
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        try (RawHttp raw = RawHttp.connect(syncServer.baseUri())) {
            raw.send("GET /fine HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 431 ");
        }
    }

    @Test
    void aPublisherFailingBeforeTheFirstChunkGives500() throws Exception {
        assertThat(syncServer.get("/fail-before-body").statusCode()).isEqualTo(500);
    }

    @Test
    void aPublisherFailingMidBodyTruncatesTheChunkedBody() throws Exception {
        for (JetServerExtension server : new JetServerExtension[] {syncServer, asyncServer}) {
            try (RawHttp raw = RawHttp.connect(server.baseUri())) {
                raw.send("GET /fail-mid-body HTTP/1.1\r\nHost: x\r\n\r\n");
                String all = raw.readUntilClose();
                assertThat(all).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("Transfer-Encoding: chunked")
                        .contains("chunk-2");
                assertThat(all).as("no terminating zero-length chunk").doesNotEndWith("0\r\n\r\n");
            }
        }
    }

    @Test
    void theServerStaysHealthyAfterEveryFault() throws Exception {
        for (String path : new String[] {"/throw", "/null", "/split", "/fail-mid-body", "/fine"}) {
            try {
                syncServer.client().send(java.net.http.HttpRequest.newBuilder(syncServer.uri(path)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException truncated) {
                assertThat(path).isEqualTo("/fail-mid-body");
            }
        }
        assertThat(syncServer.get("/fine").body()).isEqualTo("fine");
    }

    private static Iterator<byte[]> failingAfter(int chunks) {
        return new Iterator<>() {
            private int sent;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public byte[] next() {
                if (sent == chunks) {
                    throw new IllegalStateException(SECRET);
                }
                return ("chunk-" + sent++ + "\n").getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    @Test
    void aClientLeavingMidUploadOfAnEchoedBodyIsNotAnError() throws Exception {
        java.util.concurrent.BlockingQueue<CompletableFuture<Throwable>> uploads = new java.util.concurrent.LinkedBlockingQueue<>();
        RingHandler echo = RingHandler.async(request -> {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            uploads.add(ended);
            return CompletableFuture.completedFuture(Response.ok(Body.of(tap(request.body().publisher(), ended))));
        });
        try (JetServer server = JetServer.run(echo, ServerOptions.builder().host("127.0.0.1").port(0).build())) {
            String log = capturingStderr(() -> {
                // Several times: the failure reaches the writer either through the body or the exchange first.
                for (int i = 0; i < 20; i++) {
                    try (RawHttp raw = RawHttp.connect(server.uri())) {
                        raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
                        raw.send(new byte[64 * 1024]);
                        assertThat(raw.readHead()).startsWith("HTTP/1.1 200 ");
                        raw.socket().setSoLinger(true, 0);
                    }
                    assertThat(uploads.take().get(10, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
                }
            });
            assertThat(log).as("a peer going away is DEBUG, not ERROR").doesNotContain("ERROR").doesNotContain("Exception");
        }
    }

    /**
     * Passes {@code source} through, completing {@code failed} once an {@code onError} has been passed
     * on, or the writer cancelled (when the exchange's failure reaches it first).
     */
    private static java.util.concurrent.Flow.Publisher<byte[]> tap(java.util.concurrent.Flow.Publisher<byte[]> source,
                                                                   CompletableFuture<Throwable> failed) {
        return subscriber -> source.subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                subscriber.onSubscribe(new java.util.concurrent.Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        subscription.cancel();
                        failed.complete(new java.util.concurrent.CancellationException("cancelled"));
                    }
                });
            }

            @Override
            public void onNext(byte[] item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable error) {
                subscriber.onError(error);
                failed.complete(error);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }

    interface Action {
        void run() throws Exception;
    }

    private static synchronized String capturingStderr(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
