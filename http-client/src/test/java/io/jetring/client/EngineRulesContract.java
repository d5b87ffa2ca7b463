package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import io.jetring.api.Publishers;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The error and response rules of {@code docs/SPEC.md} sections 5, 6 and 8 as every engine keeps
 * them, seen through the client: in memory ({@link EngineRulesInProcessTest}), JetServer
 * ({@link EngineRulesOverJetServerTest}) and the servlet bridge in Jetty ee10 and Tomcat
 * ({@link EngineRulesInServletTest}). Each runs the same handlers in the sync and the async form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineRulesContract {
    static final Duration ASYNC_TIMEOUT = Duration.ofMillis(400);
    static final String SECRET = "secret-detail-that-must-not-leak";
    static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);
    static final Path FILE = file();

    /** A handler served by the engine under test, and a client that reaches it. */
    interface Served extends AutoCloseable {
        JetClient client();

        /** The base URL, without a trailing slash. */
        String base();

        @Override
        void close();
    }

    /** Serves {@code handler} with this async timeout (and a body limit of 64 KiB). */
    abstract Served serve(RingHandler handler, Duration asyncTimeout) throws Exception;

    private Served sync;
    private Served async;

    @BeforeAll
    void start() throws Exception {
        sync = serve(EngineRulesContract::sync, ASYNC_TIMEOUT);
        async = serve(RingHandler.async(EngineRulesContract::async), ASYNC_TIMEOUT);
    }

    @AfterAll
    void stop() {
        try {
            if (async != null) {
                async.close();
            }
        } finally {
            if (sync != null) {
                sync.close();
            }
        }
    }

    private List<Served> both() {
        return List.of(sync, async);
    }

    static Response sync(Request request) throws Exception {
        return switch (request.path()) {
            case "/text" -> Response.ok("héllo");
            case "/bytes" -> Response.ok(new byte[] {1, 2, 3});
            case "/buffer" -> Response.ok(Body.of(java.nio.ByteBuffer.allocateDirect(4).put(new byte[] {9, 1, 2, 3}).position(1)));
            case "/file" -> Response.ok(Body.of(FILE));
            case "/stream" -> Response.stream(new ByteArrayInputStream(ABC));
            case "/publisher" -> Response.stream(Publishers.of(ABC));
            case "/no-content" -> Response.text(204, "dropped");
            case "/not-modified" -> Response.text(304, "dropped");
            case "/not-modified-file" -> Response.status(304).withBody(Body.of(FILE));
            case "/not-modified-stream" -> Response.status(304).withBody(Body.of(new ByteArrayInputStream(ABC)));
            case "/not-modified-buffer" -> Response.status(304).withBody(Body.of(java.nio.ByteBuffer.wrap(ABC)));
            case "/throw" -> throw new IllegalStateException(SECRET);
            case "/null" -> null;
            case "/bad-request" -> throw new BadRequestException("id: x (expected: a number)");
            case "/too-large" -> throw new BodyTooLargeException(DataSize.ofBytes(1));
            case "/backend-timeout" -> throw new TimeoutException("backend: no answer within 2 s (" + SECRET + ")");
            default -> Response.notFound();
        };
    }

    static CompletionStage<Response> async(Request request) {
        if (request.path().equals("/never")) {
            return new CompletableFuture<>();
        }
        try {
            return CompletableFuture.completedFuture(sync(request));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Path file() {
        try {
            Path file = Files.createTempFile("jetring-rules", ".bin");
            file.toFile().deleteOnExit();
            return Files.write(file, new byte[1000]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClientResponse<String> get(Served served, String path) {
        return Await.result(served.client().get(served.base() + path, As.string()));
    }

    @Test
    void failuresBecomeTheSameAnswers() {
        for (Served served : both()) {
            assertThat(get(served, "/text").body()).isEqualTo("héllo");
            for (String path : new String[] {"/throw", "/null"}) {
                ClientResponse<String> response = get(served, path);
                assertThat(response.status()).as(path).isEqualTo(500);
                assertThat(response.body()).as(path).isEqualTo("500 Internal Server Error\n");
                assertThat(response.header("Content-Type")).as(path).hasValueSatisfying(
                        type -> assertThat(type).isEqualToIgnoringCase("text/plain;charset=utf-8"));
            }
            ClientResponse<String> bad = get(served, "/bad-request");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("400 Bad Request: id: x (expected: a number)\n");
            ClientResponse<String> tooLarge = get(served, "/too-large");
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.body()).isEqualTo("413 Content Too Large\n");
        }
    }

    @Test
    void aStageThatNeverCompletesGets503AfterTheAsyncTimeout() {
        long begin = System.nanoTime();
        ClientResponse<String> response = get(async, "/never");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("503 Service Unavailable\n");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("not before the async timeout")
                .isGreaterThanOrEqualTo(ASYNC_TIMEOUT);
        assertThat(get(async, "/text").body()).isEqualTo("héllo");
    }

    /** 408 is for a client too slow to send its body; a handler's own timeout is the server's failure. */
    @Test
    void aHandlersOwnTimeoutIsA500() {
        for (Served served : both()) {
            ClientResponse<String> response = get(served, "/backend-timeout");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("500 Internal Server Error\n").doesNotContain(SECRET);
        }
    }

    /** A HEAD gets the Content-Length the GET would, where it is known before the body is sent, and no body. */
    @Test
    void headCarriesTheLengthOfABodyOfKnownLengthOnly() {
        for (Served served : both()) {
            for (String[] pathAndLength : new String[][] {
                    {"/text", "6"}, {"/bytes", "3"}, {"/buffer", "3"}, {"/file", "1000"}}) {
                String path = pathAndLength[0];
                assertThat(get(served, path).header("Content-Length")).as(path).hasValue(pathAndLength[1]);
                ClientResponse<Void> head = Await.result(served.client().head(served.base() + path));
                assertThat(head.status()).as(path).isEqualTo(200);
                assertThat(head.header("Content-Length")).as("HEAD " + path).hasValue(pathAndLength[1]);
            }
            for (String path : new String[] {"/stream", "/publisher"}) {
                assertThat(get(served, path).body()).as(path).isEqualTo("abc");
                ClientResponse<Void> head = Await.result(served.client().head(served.base() + path));
                assertThat(head.status()).as(path).isEqualTo(200);
                assertThat(head.header("Content-Length")).as("HEAD " + path).isEmpty();
            }
        }
    }

    /** 204 and 304 carry no body, and no Content-Length: a 304's would describe the cached representation. */
    @Test
    void noContentAndNotModifiedCarryNeitherBodyNorLength() {
        for (Served served : both()) {
            ClientResponse<String> noContent = get(served, "/no-content");
            assertThat(noContent.status()).isEqualTo(204);
            assertThat(noContent.body()).isEmpty();
            assertThat(noContent.header("Content-Length")).isEmpty();
            for (String path : new String[] {"/not-modified", "/not-modified-file", "/not-modified-stream", "/not-modified-buffer"}) {
                ClientResponse<String> notModified = get(served, path);
                assertThat(notModified.status()).as(path).isEqualTo(304);
                assertThat(notModified.body()).as(path).isEmpty();
                assertThat(notModified.header("Content-Length")).as(path).isEmpty();
            }
        }
    }
}
