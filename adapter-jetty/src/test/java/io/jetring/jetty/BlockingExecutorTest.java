package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * {@code RequestContext.blockingExecutor()} under JetServer: the worker pool, or virtual threads
 * with {@code virtualThreads}. An async handler reports the thread its blocking work ran on.
 */
class BlockingExecutorTest {
    private static final RingHandler REPORT = RingHandler.async(request -> CompletableFuture.supplyAsync(
            () -> Response.ok(Thread.currentThread().getName() + " virtual=" + isVirtual(Thread.currentThread())),
            request.context().blockingExecutor()));

    @Test
    void blockingWorkRunsOnTheWorkerPool() throws Exception {
        try (JetServer server = JetServer.run(REPORT, ServerOptions.builder().host("127.0.0.1").port(0).build())) {
            assertThat(get(server.uri())).startsWith("jetring-").endsWith("virtual=false");
        }
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void blockingWorkRunsOnVirtualThreadsWhenTheServerUsesThem() throws Exception {
        try (JetServer server = JetServer.run(REPORT, ServerOptions.builder().host("127.0.0.1").port(0)
                .virtualThreads(true).build())) {
            assertThat(get(server.uri())).endsWith("virtual=true");
        }
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** {@code Thread.isVirtual()}, which this Java 17 code cannot call directly. */
    private static boolean isVirtual(Thread thread) {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (ReflectiveOperationException notJava21) {
            return false;
        }
    }
}
