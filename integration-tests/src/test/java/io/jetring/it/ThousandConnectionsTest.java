package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.client.ws.WebSocketClient;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One server holds 1,000 WebSockets at once, each echoing its own message. */
@Tag("heavy")
class ThousandConnectionsTest {
    private static final int CONNECTIONS = 1000;
    private static final int BATCH = 100;

    @Test
    void oneServerServesAThousandConcurrentWebSockets() throws Exception {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        CountDownLatch opened = new CountDownLatch(CONNECTIONS);
        CountDownLatch closed = new CountDownLatch(CONNECTIONS);
        WebSocketListener echo = new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws) {
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                opened.countDown();
            }

            @Override
            public void onText(WebSocket ws, String text) {
                ws.sendText(text);
            }

            @Override
            public void onClose(WebSocket ws, int code, String reason) {
                open.decrementAndGet();
                closed.countDown();
            }
        };
        // Client and server run in this process: two sockets per connection, plus the JVM's own files.
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            assertThat(os.getMaxFileDescriptorCount()).as("the open-files limit (ulimit -n)")
                    .isGreaterThan(2L * CONNECTIONS + 500);
        }
        try (JetServer server = JetServer.run(request -> Response.ok("http"), ServerOptions.builder()
                     .host("127.0.0.1").port(0).websocketHandler(request -> WebSocketUpgrade.accept(echo))
                     .stopTimeout(Duration.ofSeconds(10)).build());
             WebSocketClient client = WebSocketClient.create()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
            List<WebSocket> sockets = new ArrayList<>();
            List<CompletableFuture<String>> echoes = new ArrayList<>();
            for (int first = 0; first < CONNECTIONS; first += BATCH) {
                List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
                for (int i = first; i < first + BATCH; i++) {
                    CompletableFuture<String> echoed = new CompletableFuture<>();
                    echoes.add(echoed);
                    batch.add(client.connect(uri, new WebSocketListener() {
                        @Override
                        public void onText(WebSocket ws, String text) {
                            echoed.complete(text);
                        }
                    }).toCompletableFuture());
                }
                CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                batch.forEach(f -> sockets.add(f.join()));
            }
            // The client's stage may complete before the server's onOpen has run: wait for the server too.
            assertThat(opened.await(60, TimeUnit.SECONDS)).as("every open reported on the server").isTrue();
            assertThat(open).as("all open at the same time").hasValue(CONNECTIONS);

            for (int i = 0; i < CONNECTIONS; i++) {
                sockets.get(i).sendText("client " + i);
            }
            CompletableFuture.allOf(echoes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < CONNECTIONS; i++) {
                assertThat(echoes.get(i).join()).isEqualTo("client " + i);
            }

            sockets.forEach(WebSocket::close);
            assertThat(closed.await(60, TimeUnit.SECONDS)).as("every close reported on the server").isTrue();
            assertThat(mostOpen).hasValue(CONNECTIONS);
            assertThat(open).hasValue(0);
        }
    }
}
