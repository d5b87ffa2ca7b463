package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.DataSize;
import io.jetring.api.Publishers;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the in-process client does that the bodies contract does not cover. */
class InProcessTest {
    private final AtomicReference<Request> seen = new AtomicReference<>();
    private final AtomicReference<Infinite> stream = new AtomicReference<>();
    private final Routes routes = new Routes()
            .on("/echo", Echo.HANDLER)
            .on("/seen", request -> {
                seen.set(request);
                return Response.ok("seen");
            })
            .on("/boom", request -> {
                throw new IllegalStateException("boom");
            })
            .on("/bad", request -> {
                throw new BadRequestException("no such thing");
            })
            .on("/null", request -> null)
            .on("/too-big-for-the-handler", request -> Response.ok(request.body().bytes(DataSize.ofBytes(4))
                    .toCompletableFuture().get()))
            .on("/redirect", request -> Response.redirect("/echo", 303))
            .on("/away", request -> Response.redirect("http://elsewhere.test/echo"))
            .on("/loop", request -> Response.redirect("/loop"))
            .on("/login", request -> Response.redirect("/echo").addHeader("Set-Cookie", "session=abc; Path=/"))
            .on("/infinite", request -> {
                Infinite infinite = new Infinite();
                stream.set(infinite);
                return Response.stream(infinite);
            })
            .on("/echo-stream", request -> Response.stream(request.body().publisher()));
    private final JetClient client = JetClient.inProcess(routes);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void theHandlerSeesWhatAServerWouldBuild() {
        Await.result(client.post("http://example.test:9000/seen?q=1", Body.of("four"), As.string()));
        Request request = seen.get();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.scheme()).isEqualTo("http");
        assertThat(request.serverName()).isEqualTo("example.test");
        assertThat(request.serverPort()).isEqualTo(9000);
        assertThat(request.path()).isEqualTo("/seen");
        assertThat(request.queryString()).contains("q=1");
        assertThat(request.protocol()).isEqualTo("HTTP/1.1");
        assertThat(request.remoteAddr()).isEqualTo("127.0.0.1");
        assertThat(request.header("Host")).contains("example.test:9000");
        assertThat(request.header("User-Agent")).contains("jetring");
        assertThat(request.header("Content-Length")).contains("4");
        assertThat(request.header("Content-Type")).contains("text/plain;charset=utf-8");
    }

    @Test
    void handlerFailuresBecomeTheAnswersAServerGives() {
        assertThat(Await.result(client.get("http://app/boom", As.string())))
                .extracting(ClientResponse::status, ClientResponse::body).containsExactly(500, "500 Internal Server Error\n");
        assertThat(Await.result(client.get("http://app/bad", As.string())))
                .extracting(ClientResponse::status, ClientResponse::body).containsExactly(400, "400 Bad Request: no such thing\n");
        assertThat(Await.result(client.get("http://app/null", As.string())).status()).isEqualTo(500);
        assertThat(Await.result(client.post("http://app/too-big-for-the-handler", Body.of(Publishers.of(new byte[10])),
                As.string())).status()).isEqualTo(413);
    }

    @Test
    void anAsyncHandlerIsCalledWithoutAThreadOfItsOwn() {
        RingHandler async = RingHandler.async(request -> CompletableFuture.supplyAsync(() -> Response.ok("later")));
        try (JetClient asyncClient = JetClient.inProcess(async)) {
            assertThat(Await.result(asyncClient.get("http://app/", As.string())).body()).isEqualTo("later");
        }
    }

    @Test
    void redirectsAreFollowedInMemory() {
        ClientResponse<Echo> response = Await.result(client.post("http://app/redirect", r -> r
                .body(Body.of("dropped")).basicAuth("ada", "pw").as(As.json(Echo.class))));
        assertThat(response.uri()).hasToString("http://app/echo");
        assertThat(response.body().method()).isEqualTo("GET");
        assertThat(response.body().body()).isEmpty();
        assertThat(response.body().header("Authorization")).hasSize(1);

        Echo away = Await.result(client.get("http://app/away", r -> r.basicAuth("ada", "pw").as(As.json(Echo.class)))).body();
        assertThat(away.header("Authorization")).isEmpty();

        TooManyRedirectsException loop = Await.failure(client.get("http://app/loop", As.bytes()), TooManyRedirectsException.class);
        assertThat(loop).hasMessage("GET http://app/loop: more than 10 redirects (maxRedirects); the last one to http://app/loop");
    }

    @Test
    void cookiesMakeTheRoundTrip() {
        Echo echo = Await.result(client.get("http://app/login", As.json(Echo.class))).body();
        assertThat(echo.header("Cookie")).containsExactly("session=abc");
        Echo later = Await.result(client.get("http://app/echo", As.json(Echo.class))).body();
        assertThat(later.header("Cookie")).containsExactly("session=abc");
    }

    @Test
    void aHandlerThatNeverAnswersTimesOut() {
        RingHandler never = RingHandler.async(request -> new CompletableFuture<>());
        try (JetClient impatient = JetClient.inProcess(never, ClientOptions.builder().requestTimeout(Duration.ofMillis(200)).build())) {
            ClientTimeoutException failure = Await.failure(impatient.get("http://app/", As.string()), ClientTimeoutException.class);
            assertThat(failure).hasMessage("GET http://app/: no complete response within 200 ms (requestTimeout)");
        }
    }

    @Test
    void theSizeLimitHolds() {
        try (JetClient small = JetClient.inProcess(request -> Response.ok(new byte[2048]),
                ClientOptions.builder().maxResponseBodySize(DataSize.ofKibibytes(1)).build())) {
            Await.failure(small.get("http://app/", As.bytes()), ResponseTooLargeException.class);
        }
    }

    @Test
    void streamedBodiesKeepBackpressureAndCancel() throws Exception {
        ClientResponse<Flow.Publisher<byte[]>> response = Await.result(client.get("http://app/infinite", As.publisher()));
        Recorder recorder = new Recorder();
        response.body().subscribe(recorder);
        recorder.request(3);
        for (int i = 0; i < 3; i++) {
            assertThat(recorder.chunks.poll(Await.SECONDS, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(stream.get().produced).hasValue(3);
        recorder.subscription.cancel();
        stream.get().awaitCancelled();
    }

    @Test
    void aStreamedUploadReachesTheHandlerAsAPublisher() throws Exception {
        Flow.Publisher<byte[]> upload = Publishers.of("a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8));
        ClientResponse<String> response = Await.result(client.post("http://app/echo-stream", Body.of(upload), As.string()));
        assertThat(response.body()).isEqualTo("ab");
        assertThat(response.header("Content-Length")).isEmpty();
    }

    @Test
    void theClientsTimerThreadEndsWithIt() throws Exception {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        JetClient own = JetClient.inProcess(RingHandler.async(request -> new CompletableFuture<Response>()),
                ClientOptions.builder().inProcessAsyncTimeout(Duration.ofMillis(50)).build());
        assertThat(Await.result(own.get("http://app.test/", As.string())).status()).isEqualTo(503);
        Thread timer = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().matches("jetring-inprocess-\\d+-timer") && !before.contains(thread))
                .findFirst().orElseThrow(() -> new AssertionError("no timer thread while a call was timed"));
        assertThat(timer.isDaemon()).isTrue();
        own.close();
        timer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(timer.isAlive()).as("%s ends when the client closes", timer.getName()).isFalse();
    }
}
