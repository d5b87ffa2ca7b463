package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidOptionException;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.observe.Health;
import io.jetring.testing.RawHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Readiness turns to 503 the moment a stop begins; the quiet period keeps serving before the drain. */
class QuietPeriodTest {
    private final CountDownLatch slowEntered = new CountDownLatch(1);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);

    private final RingHandler app = request -> switch (request.path()) {
        case "/health/live" -> Health.live().handle(request);
        case "/health/ready" -> Health.ready().handle(request);
        case "/slow" -> {
            slowEntered.countDown();
            if (!releaseSlow.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the slow request");
            }
            yield Response.ok("slow done");
        }
        default -> Response.ok("fine");
    };

    /** One request on a new connection: the status line's code. */
    private static int statusOnNewConnection(JetServer server, String path) throws IOException {
        try (RawHttp raw = RawHttp.connect(server.uri())) {
            raw.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String head = raw.readHead();
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    @Test
    void readinessIs503FromTheStartOfStopWhileTheQuietPeriodStillServesNewConnections() throws Exception {
        JetServer server = JetServer.run(app, ServerOptions.builder().host("127.0.0.1").port(0)
                .quietPeriod(Duration.ofSeconds(2)).stopTimeout(Duration.ofSeconds(20)).build());
        assertThat(statusOnNewConnection(server, "/health/ready")).isEqualTo(200);
        assertThat(server.isStopping()).isFalse();

        RawHttp slow = RawHttp.connect(server.uri());
        slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(slowEntered.await(10, TimeUnit.SECONDS)).as("the slow request reached its handler").isTrue();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::stop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isStopping() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.isStopping()).as("stop() has begun").isTrue();

        // The quiet period: readiness says 503, yet new connections are accepted and served.
        assertThat(statusOnNewConnection(server, "/health/ready")).isEqualTo(503);
        assertThat(statusOnNewConnection(server, "/health/live")).isEqualTo(200);
        assertThat(statusOnNewConnection(server, "/fine")).isEqualTo(200);
        assertThat(stopped).as("stop() still in its quiet period").isNotDone();

        releaseSlow.countDown();
        assertThat(slow.readHead()).startsWith("HTTP/1.1 200 ");
        slow.close();
        stopped.get(30, TimeUnit.SECONDS);
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void withoutAQuietPeriodReadinessStillTurnsAndTheSlowRequestCompletes() throws Exception {
        JetServer server = JetServer.run(app, ServerOptions.builder().host("127.0.0.1").port(0)
                .stopTimeout(Duration.ofSeconds(20)).build());
        RawHttp slow = RawHttp.connect(server.uri());
        slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::stop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isStopping() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.isStopping()).isTrue();
        releaseSlow.countDown();
        assertThat(slow.readHead()).startsWith("HTTP/1.1 200 ");
        slow.close();
        stopped.get(30, TimeUnit.SECONDS);
    }

    @Test
    void theQuietPeriodIsZeroByDefaultAndMustNotBeNegative() {
        assertThat(ServerOptions.defaults().quietPeriod()).isZero();
        assertThatThrownBy(() -> ServerOptions.builder().quietPeriod(Duration.ofSeconds(-1)).build())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("quietPeriod: PT-1S (expected: zero or a positive duration)");
    }
}
