package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Body;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Idle timeouts meet clients that pause, and blocking bodies meet clients that leave. */
class PausingClientsTest {
    private static final ServerOptions.Builder SHORT_IDLE = ServerOptions.builder().host("127.0.0.1").port(0)
            .idleTimeout(Duration.ofMillis(300));

    @Test
    void anAsyncHandlerAggregatingABodyOutlastsTheIdleTimeout() throws Exception {
        RingHandler digest = RingHandler.async(request -> request.body().bytes()
                .thenApply(bytes -> Response.ok(sha256(bytes))));
        try (JetServer server = JetServer.run(digest, SHORT_IDLE.build()); RawHttp raw = RawHttp.connect(server.uri())) {
            raw.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello");
            // The upload pauses for three idle timeouts: the pending stage is bounded by the async timeout.
            Thread.sleep(1000);
            raw.send("world");
            String head = raw.readHead();
            assertThat(head).startsWith("HTTP/1.1 200 ");
            assertThat(new String(raw.readBytes(64))).isEqualTo(sha256("helloworld".getBytes()));
        }
    }

    @Test
    void aBlockedInputStreamIsClosedWhenTheClientLeaves() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        InputStream blocking = new InputStream() {
            private boolean first = true;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (first) {
                    first = false;
                    b[off] = 'x';
                    return 1;
                }
                try {
                    closed.await(); // a source with nothing more to say, until closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("closed");
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        try (JetServer server = JetServer.run(request -> Response.ok(Body.of(blocking)), SHORT_IDLE.build())) {
            try (RawHttp raw = RawHttp.connect(server.uri())) {
                raw.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(raw.readHead()).containsIgnoringCase("chunked");
            }
            assertThat(closed.await(10, TimeUnit.SECONDS)).as("stream closed after the client left").isTrue();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
