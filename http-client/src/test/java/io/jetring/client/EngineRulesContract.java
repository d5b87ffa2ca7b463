package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.BadRequestException;
import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
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

    /** 408 is for a client too slow to send its body; a handler's own timeout is the server's failure. */
    @Test
    void aHandlersOwnTimeoutIsA500() {
        for (Served served : both()) {
            ClientResponse<String> response = get(served, "/backend-timeout");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("500 Internal Server Error\n").doesNotContain(SECRET);
        }
    }
}
