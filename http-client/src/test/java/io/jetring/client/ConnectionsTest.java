package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connection pooling: reuse, and the per-destination limit. */
class ConnectionsTest {
    private static final AtomicReference<CountDownLatch> pair = new AtomicReference<>();
    private static JetServer server;
    private static String base;

    @BeforeAll
    static void start() {
        Routes routes = new Routes()
                .on("/port", request -> Response.ok(Integer.toString(request.remotePort())))
                // Answers "together" if another call arrives while this one waits (at most half a second).
                .on("/pair", request -> {
                    CountDownLatch latch = pair.get();
                    latch.countDown();
                    return Response.ok(latch.await(500, TimeUnit.MILLISECONDS) ? "together" : "alone");
                });
        server = JetServer.run(routes, ServerOptions.builder().host("127.0.0.1").port(0).build());
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sequentialCallsReuseTheConnection() {
        try (JetClient client = JetClient.create()) {
            String first = Await.result(client.get(base + "/port", As.string())).body();
            String second = Await.result(client.get(base + "/port", As.string())).body();
            assertThat(second).as("the client port of the second call").isEqualTo(first);
        }
    }

    @Test
    void concurrentCallsOpenConnectionsUpToTheLimit() {
        try (JetClient pooled = JetClient.create();
             JetClient single = JetClient.create(ClientOptions.builder().maxConnectionsPerDestination(1).build())) {
            assertThat(bodies(pooled)).containsExactly("together", "together");
            assertThat(bodies(single)).contains("alone");
        }
    }

    private static List<String> bodies(JetClient client) {
        pair.set(new CountDownLatch(2));
        CompletionStage<ClientResponse<String>> a = client.get(base + "/pair", As.string());
        CompletionStage<ClientResponse<String>> b = client.get(base + "/pair", As.string());
        return List.of(Await.result(a).body(), Await.result(b).body());
    }
}
